/**
 * Settings the server writes into index.html as <meta> tags (no inline script: the page's policy
 * allows none). Without a tile URL the map draws on a plain background and asks no one for tiles.
 */
function meta(name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || null;
}

export const mapTiles = {
  url: meta('airlock-map-tiles'),
  attribution: meta('airlock-map-attribution'),
};
