// A flight app's first screen: check the location, judge the position on the device, and show the
// pilot the ledger of every request that left. The server is reached from this page's own origin
// (see vite.config.ts): the Airlock server sends no CORS headers.
import { createAirlock } from '@airlock/sdk';
import { renderCheck, renderLedger, renderWarnings } from './render.ts';

const airlock = createAirlock({
  serverUrl: location.origin,
  // Zone answers, consent choices and the ledger survive a reload.
  storage: localStorage,
  // The app checks when the pilot asks; warnings() then judges against that check's area.
  autoCheck: false,
});

const form = document.querySelector<HTMLFormElement>('#position')!;

async function check(): Promise<void> {
  const data = new FormData(form);
  const lon = Number(data.get('lon'));
  const lat = Number(data.get('lat'));
  const altAglM = data.get('alt') === '' ? undefined : Number(data.get('alt'));
  renderCheck(null);
  // Only the id of the ~22 km grid cell around the position is sent; the position stays here.
  const result = await airlock.checkLocation({ lon, lat, accuracyM: 10 });
  renderCheck(result);
  renderWarnings(airlock.warnings({ lon, lat, altAglM, time: new Date() }));
  renderLedger(await airlock.ledger.list());
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void check();
});
void airlock.ledger.list().then(renderLedger);
