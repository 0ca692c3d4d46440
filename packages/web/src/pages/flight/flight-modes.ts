import type uPlot from 'uplot';

export interface ModeChange {
  t_s: number;
  mode: string;
}

/**
 * Categorical colours for flight modes (Okabe–Ito, distinguishable with the common colour-vision
 * deficiencies), by each mode's first appearance in the flight; the ninth mode reuses the first.
 */
export const MODE_PALETTE = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
];

/** Each distinct mode name once, in order of first appearance: index i is drawn in MODE_PALETTE[i]. */
export function modeNames(modes: ModeChange[]): string[] {
  return [...new Set(modes.map((m) => m.mode))];
}

export function modeColour(index: number): string {
  return MODE_PALETTE[index % MODE_PALETTE.length];
}

/** The index (into modeNames) of the mode in force at `t`, or null before the first. */
export function modeIndexAt(modes: ModeChange[], names: string[], t: number | null): number | null {
  if (t === null || modes.length === 0) return null;
  let lo = 0,
    hi = modes.length - 1,
    found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (modes[mid].t_s <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Before the first change the first mode is the best guess (a log starts in some mode).
  return names.indexOf(modes[Math.max(found, 0)].mode);
}

/**
 * A uPlot plugin: each mode as a shaded band behind the lines, and the mode under the cursor named in
 * a label over the plot. The chart's root gets data-mode-bands (bands drawn in its last draw), so a
 * test can see what the canvas holds.
 */
export function modeBands(modes: ModeChange[]): uPlot.Plugin {
  const names = modeNames(modes);
  let label: HTMLDivElement | null = null;
  return {
    hooks: {
      init: [
        (u) => {
          label = document.createElement('div');
          label.className = 'mode-label';
          label.setAttribute('aria-hidden', 'true');
          u.over.appendChild(label);
        },
      ],
      drawClear: [
        (u) => {
          const { ctx, bbox } = u;
          const [xMin, xMax] = [u.scales.x.min ?? 0, u.scales.x.max ?? 0];
          let drawn = 0;
          ctx.save();
          ctx.globalAlpha = 0.14;
          for (const [i, m] of modes.entries()) {
            const end = i + 1 < modes.length ? modes[i + 1].t_s : xMax;
            const from = Math.max(m.t_s, xMin);
            if (end <= from) continue;
            const x0 = u.valToPos(from, 'x', true);
            const x1 = u.valToPos(Math.min(end, xMax), 'x', true);
            ctx.fillStyle = modeColour(names.indexOf(m.mode));
            ctx.fillRect(x0, bbox.top, Math.max(1, x1 - x0), bbox.height);
            drawn++;
          }
          ctx.restore();
          u.root.dataset.modeBands = String(drawn);
        },
      ],
      setCursor: [
        (u) => {
          if (!label) return;
          const left = u.cursor.left ?? -1;
          const i = left < 0 ? null : modeIndexAt(modes, names, u.posToVal(left, 'x'));
          label.textContent = i === null ? '' : names[i];
          label.style.display = i === null ? 'none' : 'block';
        },
      ],
    },
  };
}
