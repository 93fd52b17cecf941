// Builds src/Clearinghouse.Web/Shared/region-map.json, the country shapes of the region map (Shared/_RegionMap),
// once, from Natural Earth's 1:110m admin-0 countries (public domain) as packaged in the npm package world-atlas
// (countries-110m.json, TopoJSON, ids = ISO 3166-1 numeric). Kosovo has no numeric code; its shape is named
// "Kosovo" and becomes XK. Run it again only to change the map:
//
//   mkdir -p /tmp/map && cd /tmp/map && npm install world-atlas@2 topojson-client@3
//   NODE_PATH=/tmp/map/node_modules node scripts/build-region-map.mjs /tmp/map/node_modules/world-atlas/countries-110m.json
//
// Projection: equirectangular, longitudes scaled by cos(48°), over 25°W–120°E and 30°N–72°N. Coordinates are rounded
// to one decimal; rings wholly outside the frame are left out.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const topojson = require("topojson-client");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const atlas = JSON.parse(readFileSync(process.argv[2], "utf8"));

const numericToCode = {};
for (const line of readFileSync(path.join(root, "src/Clearinghouse/Countries/countries.csv"), "utf8").split("\n").slice(1)) {
  const [code, , numeric] = line.split(",");
  if (numeric) numericToCode[numeric.padStart(3, "0")] = code;
}

const [lonMin, lonMax, latMin, latMax, k] = [-25, 120, 30, 72, 8];
const cos = Math.cos((48 * Math.PI) / 180);
const x = (lon) => (lon - lonMin) * cos * k;
const y = (lat) => (latMax - lat) * k;
const width = Math.round(x(lonMax));
const height = Math.round(y(latMin));
const inside = (ring) => ring.some(([lon, lat]) => lon >= lonMin && lon <= lonMax && lat >= latMin && lat <= latMax);
const r = (v) => Math.round(v * 10) / 10;

const countries = {};
for (const feature of topojson.feature(atlas, atlas.objects.countries).features) {
  const name = feature.properties?.name;
  const code = name === "Kosovo" ? "XK" : numericToCode[String(feature.id ?? "").padStart(3, "0")];
  if (!code || !feature.geometry) continue;
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const rings = polygons.flat().filter(inside);
  if (rings.length === 0) continue;
  const d = rings.map((ring) => "M" + ring.map(([lon, lat]) => `${r(x(lon))},${r(y(lat))}`).join("L") + "Z").join("");
  countries[code] = (countries[code] ?? "") + d;
}

const output = {
  source: "Natural Earth 1:110m admin-0 countries (public domain), via the npm package world-atlas 2 (countries-110m.json); built by scripts/build-region-map.mjs",
  viewBox: `0 0 ${width} ${height}`,
  countries,
};
writeFileSync(path.join(root, "src/Clearinghouse.Web/Shared/region-map.json"), JSON.stringify(output));
console.log(`${Object.keys(countries).length} countries, ${JSON.stringify(output).length} bytes`);
