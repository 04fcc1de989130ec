import { useQuery } from '@tanstack/react-query';
import { geoPath } from 'd3-geo';
import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Country outlines (Natural Earth 1:50m via world-atlas), served as a hashed static asset of this
// app and fetched by the map's chunk: the map needs no internet and no tile server.
import outlinesUrl from 'world-atlas/countries-50m.json?url';
import {
  boundsOf,
  fitFrame,
  MAP_HEIGHT,
  MAP_WIDTH,
  pan,
  projectionFor,
  tilesFor,
  type LngLat,
  type MapView,
} from './map-geometry';
import type { Severity } from './api';

// Optional background tiles ({z}/{x}/{y}); off unless configured at build time, and the page's
// CSP must then allow the tile host (docs/incidents.md).
const TILE_URL: string | undefined = import.meta.env.VITE_MAP_TILE_URL as string | undefined;

export interface MapPoint extends LngLat {
  id: string;
  title: string;
  severity: Severity;
}

function useOutlines() {
  return useQuery({
    queryKey: ['map-outlines'],
    staleTime: Infinity,
    queryFn: async () => {
      const res = await fetch(outlinesUrl);
      if (!res.ok) throw new Error(`outlines: ${res.status}`);
      const topo = (await res.json()) as Topology<{ countries: GeometryCollection }>;
      return feature(topo, topo.objects.countries);
    },
  });
}

// An SVG map: country outlines, the incidents as dots, zoom and pan buttons; with `onPick`, a
// click (or the arrow keys, when focused) places the pin.
export function IncidentMap({
  label,
  points = [],
  pin,
  onPick,
}: {
  label: string;
  points?: MapPoint[];
  pin?: LngLat | null;
  onPick?: (p: LngLat) => void;
}) {
  const { t } = useTranslation('incidents');
  const outlines = useOutlines();
  // The fitted frame follows the dots (not the pin: picking must not move the map) until the
  // person zooms or pans.
  const pointsKey = points.map((p) => `${p.lng},${p.lat}`).join(';');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- refit only when the coordinates change
  const frame = useMemo(() => fitFrame(boundsOf(points)), [pointsKey]);
  const [moved, setMoved] = useState<MapView | null>(null);
  const view = useMemo(() => moved ?? { center: frame.center, zoom: 0 }, [moved, frame]);
  const projection = useMemo(() => projectionFor(frame.scale, view), [frame.scale, view]);
  const path = useMemo(() => geoPath(projection), [projection]);
  // Projecting the outlines is the costly part: only when the view changes, not on every render
  // of the form around the map.
  const land = useMemo(
    () =>
      (outlines.data?.features ?? []).map((f, i) => ({ key: String(f.id ?? i), d: path(f) ?? undefined })),
    [outlines.data, path],
  );
  const tiles = useMemo(() => (TILE_URL ? tilesFor(projection, TILE_URL) : []), [projection]);

  const zoom = (d: number) => setMoved({ ...view, zoom: Math.max(-1, Math.min(8, view.zoom + d)) });
  const move = (dx: number, dy: number) => setMoved(pan(projection, view, dx, dy));

  const pick = (e: MouseEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const box = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * MAP_WIDTH;
    const y = ((e.clientY - box.top) / box.height) * MAP_HEIGHT;
    const at = projection.invert?.([x, y]);
    if (at) onPick({ lng: round(at[0]), lat: round(at[1]) });
  };
  const nudge = (e: KeyboardEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const step = 0.5 / 2 ** view.zoom;
    const from = pin ?? { lng: view.center[0], lat: view.center[1] };
    const d: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const delta = d[e.key];
    if (!delta) return;
    e.preventDefault();
    onPick({ lng: round(from.lng + delta[0]), lat: round(Math.max(-85, Math.min(85, from.lat + delta[1]))) });
  };

  const pinXY = pin ? projection([pin.lng, pin.lat]) : null;
  return (
    <div className="incident-map">
      <div className="button-row incident-map-controls">
        <button type="button" className="button button--quiet" onClick={() => zoom(1)}>
          {t('map.zoomIn')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => zoom(-1)}>
          {t('map.zoomOut')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => move(-0.25, 0)}>
          {t('map.west')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => move(0.25, 0)}>
          {t('map.east')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => move(0, -0.25)}>
          {t('map.north')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => move(0, 0.25)}>
          {t('map.south')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => setMoved(null)}>
          {t('map.reset')}
        </button>
      </div>
      <svg
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        className={`incident-map-canvas${onPick ? ' incident-map-canvas--pick' : ''}`}
        {...(onPick
          ? {
              role: 'application',
              tabIndex: 0,
              'aria-label': `${label}. ${t('map.pickKeys')}`,
              onClick: pick,
              onKeyDown: nudge,
            }
          : { role: 'img', 'aria-label': label })}
      >
        <rect width={MAP_WIDTH} height={MAP_HEIGHT} className="incident-map-sea" />
        {tiles.map((tile) => (
          <image key={tile.key} href={tile.href} x={tile.x} y={tile.y} width={tile.size} height={tile.size} />
        ))}
        {land.map((l) => (
          <path key={l.key} d={l.d} className="incident-map-land" />
        ))}
        {points.map((p) => {
          const xy = projection([p.lng, p.lat]);
          return xy ? (
            <circle
              key={p.id}
              cx={xy[0]}
              cy={xy[1]}
              r={7}
              className={`incident-map-dot incident-map-dot--${p.severity}`}
              data-incident-id={p.id}
            >
              <title>{p.title}</title>
            </circle>
          ) : null;
        })}
        {pinXY ? (
          <g className="incident-map-pin" transform={`translate(${pinXY[0]},${pinXY[1]})`}>
            <circle r={9} />
            <circle r={3} className="incident-map-pin-centre" />
          </g>
        ) : null}
      </svg>
      {outlines.isError ? (
        <p className="muted small" role="status">
          {t('map.outlinesMissing')}
        </p>
      ) : null}
    </div>
  );
}

function round(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}
