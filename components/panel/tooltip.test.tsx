import { describe, expect, it } from 'vitest';
import { placeTooltip } from './Panel';

const VIEW = { width: 1280, height: 800 };
/** The panel as assets/panel.css places it: 380 px wide, 16 px from the right and bottom. */
const PANEL = { left: 884, top: 286, right: 1264, bottom: 784 };

describe('placeTooltip', () => {
  it('puts the tooltip under the cell, from the cell’s left edge', () => {
    expect(placeTooltip({ left: 320, top: 100, bottom: 140, width: 60 }, VIEW, PANEL)).toEqual({ left: 320, top: 148, width: 360 });
  });

  it('puts it above the cell when there is no room below', () => {
    expect(placeTooltip({ left: 320, top: 700, bottom: 740, width: 60 }, VIEW, PANEL)).toEqual({ left: 320, bottom: 108, width: 360 });
  });

  it('keeps it inside the viewport', () => {
    expect(placeTooltip({ left: 1250, top: 10, bottom: 30, width: 20 }, VIEW).left).toBe(1280 - 360 - 8);
    expect(placeTooltip({ left: -40, top: 10, bottom: 30, width: 20 }, VIEW).left).toBe(8);
  });

  it('moves it left of the panel rather than over it (Pingtan 2024’s 复议后起诉 总计 cell, README screenshot)', () => {
    const cell = { left: 920, top: 379, bottom: 421, width: 40 };
    expect(placeTooltip(cell, VIEW).left).toBe(912); // over the panel
    const placed = placeTooltip(cell, VIEW, PANEL);
    expect(placed.left + placed.width).toBeLessThanOrEqual(PANEL.left - 8);
    expect(placed).toEqual({ left: 884 - 360 - 8, top: 429, width: 360 });
  });

  it('leaves it where it is when it does not meet the panel, or when there is no room beside it', () => {
    const high = { left: 920, top: 20, bottom: 40, width: 40 }; // the tooltip ends above the panel
    expect(placeTooltip(high, VIEW, PANEL).left).toBe(912);
    const narrow = { width: 700, height: 800 };
    const panel = { left: 304, top: 286, right: 684, bottom: 784 };
    expect(placeTooltip({ left: 400, top: 379, bottom: 421, width: 40 }, narrow, panel).left).toBe(332);
  });
});
