// Once drawn, say so, the way the app does after step 1 is drawn with its settings loaded.
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke('interactive').catch(() => {})));
