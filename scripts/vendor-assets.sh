#!/usr/bin/env bash
# Refresh the browser assets in src/longarm/web/static/vendor/ (and axe-core in tests/e2e/vendor/) from the npm packages pinned in
# package.json / package-lock.json. The copies are committed, so the app needs neither npm nor
# the network at run time; run this only to upgrade an asset. node_modules lives in a temporary
# folder so the work tree never holds it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
vendor="$root/src/longarm/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$root/package.json" "$work/"
if [ -f "$root/package-lock.json" ]; then
  cp "$root/package-lock.json" "$work/"
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund)
else
  (cd "$work" && npm install --ignore-scripts --no-audit --no-fund)
  cp "$work/package-lock.json" "$root/package-lock.json"
fi
modules="$work/node_modules"

rm -rf "$vendor"
mkdir -p "$vendor"/{htmx,leaflet/images,markercluster,topojson,world-atlas,vega,swagger-ui}
copy() { cp "$modules/$1" "$vendor/$2"; }

copy htmx.org/dist/htmx.min.js htmx/
copy leaflet/dist/leaflet.js leaflet/
copy leaflet/dist/leaflet.css leaflet/
cp "$modules"/leaflet/dist/images/*.png "$vendor/leaflet/images/"
copy leaflet.markercluster/dist/leaflet.markercluster.js markercluster/
copy leaflet.markercluster/dist/MarkerCluster.css markercluster/
copy leaflet.markercluster/dist/MarkerCluster.Default.css markercluster/
copy topojson-client/dist/topojson-client.min.js topojson/
copy world-atlas/countries-110m.json world-atlas/
copy vega/build/vega.min.js vega/
copy vega-lite/build/vega-lite.min.js vega/
copy vega-embed/build/vega-embed.min.js vega/
copy swagger-ui-dist/swagger-ui-bundle.js swagger-ui/
copy swagger-ui-dist/swagger-ui.css swagger-ui/
for package in htmx.org leaflet leaflet.markercluster topojson-client world-atlas vega vega-lite vega-embed swagger-ui-dist; do
  license="$(ls "$modules/$package" | grep -i -m1 '^licen[cs]e' || true)"
  [ -n "$license" ] && cp "$modules/$package/$license" "$vendor/LICENSE.$package.txt"
done
# axe-core checks accessibility in the browser tests only: it lives with them, not in the app.
tests_vendor="$root/tests/e2e/vendor"
rm -rf "$tests_vendor"
mkdir -p "$tests_vendor"
cp "$modules/axe-core/axe.min.js" "$tests_vendor/"
cp "$modules/axe-core/LICENSE" "$tests_vendor/LICENSE.axe-core.txt"
node -e 'console.log(JSON.stringify({"axe-core": require(process.argv[1]).version}, null, 1))' "$modules/axe-core/package.json" > "$tests_vendor/VERSIONS.json"
# Record what was vendored, so a reviewer can check versions without npm.
node -e 'const l=require(process.argv[1]);const d=require(process.argv[2]).dependencies;const o={};for(const k of Object.keys(d)){o[k]=l.packages["node_modules/"+k].version}console.log(JSON.stringify(o,null,1))' "$work/package-lock.json" "$work/package.json" > "$vendor/VERSIONS.json"
echo "vendored into $vendor"
