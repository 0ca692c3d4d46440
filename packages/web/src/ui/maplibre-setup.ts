// Imported for its effect by every page with a map. MapLibre's worker is a file of this server's (a
// module worker from a same-origin URL): the page's policy allows scripts from 'self' only, and no
// blob: worker is ever made.
import { setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
