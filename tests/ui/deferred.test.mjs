// frame/deferred.js: the stand-in for a view fetched after the first frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deferredView } from '../../ui/frame/deferred.js';

function fakeModule() {
  const calls = [];
  return {
    calls,
    mount: (app) => calls.push(['mount', app.name]),
    enter: () => calls.push(['enter']),
    reset: () => calls.push(['reset']),
    snippets: () => ({ curl: 'x' }),
  };
}

test('a view opened before its module arrived enters once it has, and is fetched once', async () => {
  const module = fakeModule();
  let fetched = 0;
  const app = { name: 'app', step: 5 };
  const view = deferredView(5, async () => { fetched += 1; return module; });
  view.mount(app);
  assert.equal(view.snippets, undefined, 'no programs of its own before it is there');
  view.reset(); // nothing to reset yet, and no error
  await view.enter(app);
  await view.load();
  assert.equal(fetched, 1);
  assert.deepEqual(module.calls, [['mount', 'app'], ['enter']]);
  assert.equal(typeof view.snippets, 'function');
  view.reset();
  assert.deepEqual(module.calls.at(-1), ['reset']);
});

test('a view left before its module arrived is mounted but not entered', async () => {
  const module = fakeModule();
  const app = { name: 'app', step: 5 };
  let arrive;
  const view = deferredView(5, () => new Promise((resolve) => { arrive = resolve; }));
  view.mount(app);
  const entering = view.enter(app);
  app.step = 1; // the user went back to step 1 meanwhile
  arrive(module);
  await entering;
  assert.deepEqual(module.calls, [['mount', 'app']]);
});

test('a module that fails to load says so to whoever waits on it', async () => {
  const view = deferredView(6, async () => { throw new Error('not found'); });
  view.mount({ step: 6 });
  await assert.rejects(view.enter(), /not found/);
  await assert.rejects(view.load(), /not found/, 'tried again, not a remembered failure');
});
