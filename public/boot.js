// Starts the app. Trunk's own loader is an inline script, which the page's
// Content-Security-Policy refuses (it allows no inline script at all); this file comes from
// the app's origin instead and reads the hashed file names that Trunk writes into its tag
// (`pattern_script` in Trunk.toml).
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
