import { geoMercator, type GeoProjection } from 'd3-geo';

export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 480;
const PAD = 24;

export interface LngLat {
  lng: number;
  lat: number;
}

export interface MapView {
  center: [number, number]; // [lng, lat]
  zoom: number; // 0 = the fitted view; each step doubles the scale
}

// The Democratic Republic of the Congo, where the groups this was built for meet: the view when
// there is nothing to fitFrame.
export const DEFAULT_BOUNDS: [[number, number], [number, number]] = [
  [12, -13.5],
  [31.5, 5.5],
];

// Bounds around the points (at least ~2° across, so one point is not a street-level view).
export function boundsOf(points: LngLat[]): [[number, number], [number, number]] {
  if (points.length === 0) return DEFAULT_BOUNDS;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    west = Math.min(west, p.lng);
    east = Math.max(east, p.lng);
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
  }
  const grow = (lo: number, hi: number) => (hi - lo < 2 ? [(lo + hi) / 2 - 1, (lo + hi) / 2 + 1] : [lo, hi]);
  [west, east] = grow(west, east);
  [south, north] = grow(south, north);
  return [
    [west, south],
    [east, north],
  ];
}

// The fitted scale and centre for some bounds.
export function fitFrame(bounds: [[number, number], [number, number]]): {
  scale: number;
  center: [number, number];
} {
  const [[w, s], [e, n]] = bounds;
  // Corners as points: a polygon's winding would decide which side of it is "inside".
  const box = {
    type: 'MultiPoint' as const,
    coordinates: [
      [w, s],
      [e, n],
      [w, n],
      [e, s],
    ],
  };
  const p = geoMercator().fitExtent(
    [
      [PAD, PAD],
      [MAP_WIDTH - PAD, MAP_HEIGHT - PAD],
    ],
    box,
  );
  const c = p.invert?.([MAP_WIDTH / 2, MAP_HEIGHT / 2]) ?? [0, 0];
  return { scale: p.scale(), center: [c[0], c[1]] };
}

export function projectionFor(baseScale: number, view: MapView): GeoProjection {
  return geoMercator()
    .scale(baseScale * 2 ** view.zoom)
    .center(view.center)
    .translate([MAP_WIDTH / 2, MAP_HEIGHT / 2]);
}

// Moves the centre by a fraction of the visible width/height (keyboard panning).
export function pan(projection: GeoProjection, view: MapView, dx: number, dy: number): MapView {
  const c = projection.invert?.([MAP_WIDTH / 2 + dx * MAP_WIDTH, MAP_HEIGHT / 2 + dy * MAP_HEIGHT]);
  if (!c) return view;
  return { ...view, center: [c[0], Math.max(-80, Math.min(80, c[1]))] };
}

export interface Tile {
  key: string;
  href: string;
  x: number;
  y: number;
  size: number;
}

// Web-Mercator tiles ({z}/{x}/{y}) covering the view, when a tile URL is configured.
export function tilesFor(projection: GeoProjection, template: string): Tile[] {
  const worldPx = 2 * Math.PI * projection.scale();
  const z = Math.max(0, Math.min(19, Math.round(Math.log2(worldPx / 256))));
  const n = 2 ** z;
  const size = worldPx / n;
  const [x0, y0] = projection([-180, 85.05112878]) ?? [0, 0];
  const tiles: Tile[] = [];
  const firstX = Math.floor(-x0 / size);
  const lastX = Math.floor((MAP_WIDTH - x0) / size);
  const firstY = Math.max(0, Math.floor(-y0 / size));
  const lastY = Math.min(n - 1, Math.floor((MAP_HEIGHT - y0) / size));
  for (let tx = firstX; tx <= lastX; tx++) {
    for (let ty = firstY; ty <= lastY; ty++) {
      const wrapped = ((tx % n) + n) % n;
      tiles.push({
        key: `${z}/${tx}/${ty}`,
        href: template.replace('{z}', String(z)).replace('{x}', String(wrapped)).replace('{y}', String(ty)),
        x: x0 + tx * size,
        y: y0 + ty * size,
        size,
      });
    }
  }
  return tiles;
}
