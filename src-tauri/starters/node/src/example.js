// The guide's steps with this client: list the data controllers, record a data subject.
import { configFromEnv } from './config.js';
import { DxtraClient, DxtraError, solutionFor } from './dxtra.js';

const config = configFromEnv();
const client = new DxtraClient(config);
try {
  const controllers = await client.dataControllers();
  console.log('Data controllers:', controllers.map((c) => `${c.title} (${c.id})`).join(', ') || 'none');
  const created = await client.createDataSubject({
    event: 'signup',
    dataControllerId: config.controllerId,
    payload: { displayName: 'Test User', email: 'test@example.com', country: 'US' },
  });
  console.log('Recorded data subject', created.dataSubjectId);
} catch (error) {
  if (!(error instanceof DxtraError)) throw error;
  console.error(`${error.kind}: ${error.message}`);
  if (solutionFor(error.kind)) console.error(`Solution: ${solutionFor(error.kind)}`);
  process.exitCode = 1;
}
