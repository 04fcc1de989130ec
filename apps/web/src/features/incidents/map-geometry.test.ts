import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  DEFAULT_BOUNDS,
  fitFrame,
  MAP_HEIGHT,
  MAP_WIDTH,
  pan,
  projectionFor,
  tilesFor,
} from './map-geometry';

describe('the offline incident map', () => {
  it('frames the DRC when there is nothing to show, and a lone point with room around it', () => {
    expect(boundsOf([])).toEqual(DEFAULT_BOUNDS);
    expect(boundsOf([{ lng: 27.48, lat: -11.66 }])).toEqual([
      [26.48, -12.66],
      [28.48, -10.66],
    ]);
  });

  it('puts a fitted point inside the picture and inverts a click back to it', () => {
    const lubumbashi = { lng: 27.48, lat: -11.66 };
    const kolwezi = { lng: 25.47, lat: -10.71 };
    const base = fitFrame(boundsOf([lubumbashi, kolwezi]));
    const projection = projectionFor(base.scale, { center: base.center, zoom: 0 });
    for (const p of [lubumbashi, kolwezi]) {
      const [x, y] = projection([p.lng, p.lat])!;
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(MAP_WIDTH);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(MAP_HEIGHT);
      const [lng, lat] = projection.invert!([x, y])!;
      expect(lng).toBeCloseTo(p.lng, 6);
      expect(lat).toBeCloseTo(p.lat, 6);
    }
  });

  it('pans east by a quarter of the view', () => {
    const base = fitFrame(DEFAULT_BOUNDS);
    const view = { center: base.center, zoom: 1 };
    const moved = pan(projectionFor(base.scale, view), view, 0.25, 0);
    expect(moved.center[0]).toBeGreaterThan(view.center[0]);
    expect(moved.center[1]).toBeCloseTo(view.center[1], 6);
  });

  it('asks for the tiles that cover the view, only when configured', () => {
    const base = fitFrame(DEFAULT_BOUNDS);
    const projection = projectionFor(base.scale, { center: base.center, zoom: 0 });
    const tiles = tilesFor(projection, 'https://tiles.example.org/{z}/{x}/{y}.png');
    expect(tiles.length).toBeGreaterThan(0);
    const z = Number(tiles[0]?.key.split('/')[0]);
    expect(z).toBeGreaterThanOrEqual(3);
    expect(z).toBeLessThanOrEqual(6);
    for (const t of tiles) {
      expect(t.href).toMatch(/^https:\/\/tiles\.example\.org\/\d+\/\d+\/\d+\.png$/);
      expect(t.x + t.size).toBeGreaterThan(0);
      expect(t.x).toBeLessThan(MAP_WIDTH);
    }
  });
});
