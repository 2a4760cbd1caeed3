// An HTTP proxy between headless Chromium and wasm-bindgen-test-runner's server, for
// `cargo test --target wasm32-unknown-unknown` (scripts/test).
//
// Why: the runner serves the test page with tiny_http 0.12, whose thread pool hands each
// connection to a thread for the connection's whole life. Chromium keeps its connections open,
// so when the page asks for more files at once than there are idle threads (our five JS
// snippets are fetched together), a connection can be queued behind threads that never come
// free: the page stays at "Loading scripts..." until ChromeDriver gives up after 300 s
// ("Timed out receiving message from renderer"). Through this proxy every request reaches the
// runner on a connection of its own that closes with the response, so no thread is held.
//
// Usage: node scripts/wasm-test-proxy.mjs CAPABILITIES_FILE
// Listens on 127.0.0.1 (a free port), writes to CAPABILITIES_FILE the webdriver.json that
// sends Chromium through it (WASM_BINDGEN_TEST_WEBDRIVER_JSON), and runs until killed.
import http from 'node:http';
import { writeFileSync } from 'node:fs';

const capabilitiesFile = process.argv[2];
if (!capabilitiesFile) {
  console.error('usage: node scripts/wasm-test-proxy.mjs CAPABILITIES_FILE');
  process.exit(2);
}

const proxy = http.createServer((request, response) => {
  let target;
  try {
    target = new URL(request.url);
  } catch {
    response.writeHead(400).end('a proxy request names an absolute http address');
    return;
  }
  if (target.protocol !== 'http:' || target.hostname !== '127.0.0.1') {
    response.writeHead(403).end('only the test server on 127.0.0.1 is reached');
    return;
  }
  const headers = { ...request.headers, connection: 'close' };
  delete headers['proxy-connection'];
  const upstream = http.request(
    { host: target.hostname, port: target.port, path: target.pathname + target.search,
      method: request.method, headers, agent: false },
    (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', (error) => {
    if (!response.headersSent) response.writeHead(502);
    response.end(String(error));
  });
  request.pipe(upstream);
});

proxy.listen(0, '127.0.0.1', () => {
  const { port } = proxy.address();
  const capabilities = {
    'goog:chromeOptions': {
      // Chromium sends loopback addresses past any proxy unless `<-loopback>` says otherwise.
      args: [`--proxy-server=http://127.0.0.1:${port}`, '--proxy-bypass-list=<-loopback>'],
    },
  };
  writeFileSync(capabilitiesFile, JSON.stringify(capabilities));
  console.log(`wasm test proxy on 127.0.0.1:${port}`);
});
