// The annotator's address: the local `scripts/serve` one, or a desk's deployment.
const api = globalThis.browser ?? globalThis.chrome;
const input = document.getElementById('address');
const status = document.getElementById('status');
api.storage.local.get({ address: 'http://127.0.0.1:8080/' }).then(({ address }) => {
  input.value = address;
});
document.getElementById('options').addEventListener('submit', (event) => {
  event.preventDefault();
  let address;
  try {
    address = new URL(input.value);
  } catch {
    status.textContent = 'Enter the annotator’s address, such as http://127.0.0.1:8080/.';
    return;
  }
  if (address.protocol !== 'https:' && address.protocol !== 'http:') {
    status.textContent = 'The address must start with https:// or http://.';
    return;
  }
  api.storage.local.set({ address: address.href }).then(() => {
    status.textContent = `Pages will be sent to ${address.href}`;
  });
});
