// Once drawn, say so, the way the app does after step 1 is drawn with its settings loaded, with
// when the page started and when its script ran (ms since the epoch).
const marks = { navigation: performance.timeOrigin, scripts: performance.timeOrigin + performance.now() };
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke('interactive', { marks }).catch(() => {})));
