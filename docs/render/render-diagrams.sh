#!/usr/bin/env bash
# Renders every processes/*.bpmn to docs/images/<name>.png with bpmn-js (docs/render/index.html) in headless
# Chromium, from the XML itself. Works offline once `npm ci` has installed bpmn-js.
#   bash docs/render/render-diagrams.sh            # all processes
#   bash docs/render/render-diagrams.sh processes/user-invite.bpmn
# CHROMIUM (default /usr/bin/chromium) and SCALE (device pixels per diagram unit, default 2) may be set.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
scale="${SCALE:-2}"
margin=40

if [ ! -f "$root/node_modules/bpmn-js/dist/bpmn-viewer.production.min.js" ]; then
  echo "bpmn-js is missing: run 'npm ci' in $root first" >&2
  exit 1
fi
if [ ! -x "$chromium" ]; then
  echo "no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)" >&2
  exit 1
fi

# The extent of everything the diagram interchange places (shapes, labels, waypoints), plus a margin on each side:
# the window is that large, so bpmn-js shows the diagram at 1:1.
diagram_size() {
  node - "$1" "$margin" <<'JS'
const xml = require('fs').readFileSync(process.argv[2], 'utf8');
const margin = Number(process.argv[3]);
const xs = [], ys = [];
for (const [tag] of xml.matchAll(/<(?:dc:Bounds|di:waypoint)\b[^>]*>/g)) {
  const attr = name => Number((tag.match(new RegExp(`\\b${name}="(-?[\\d.]+)"`)) || [])[1] || 0);
  xs.push(attr('x'), attr('x') + attr('width'));
  ys.push(attr('y'), attr('y') + attr('height'));
}
if (!xs.length) throw new Error(`${process.argv[2]} has no diagram interchange`);
const size = values => Math.ceil(Math.max(...values) - Math.min(...values)) + 2 * margin;
console.log(size(xs), size(ys));
JS
}

chrome() {
  local profile status=0
  profile="$(mktemp -d)"
  "$chromium" --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --no-default-browser-check --disable-extensions --hide-scrollbars \
    --allow-file-access-from-files --user-data-dir="$profile" --virtual-time-budget=10000 "$@" 2>"$profile.log" \
    || status=$?
  if [ "$status" -ne 0 ]; then
    cat "$profile.log" >&2
  fi
  rm -rf "$profile" "$profile.log"
  return "$status"
}

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=("$root"/processes/*.bpmn)
fi

mkdir -p "$root/docs/images"
for file in "${files[@]}"; do
  bpmn="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
  name="$(basename "$bpmn" .bpmn)"
  url="file://$root/docs/render/index.html?diagram=file://$bpmn"
  read -r width height < <(diagram_size "$bpmn")

  # The page sets its title to "rendered" only when bpmn-js imported the file; anything else is a failure.
  if ! chrome --dump-dom "$url" | grep -q '<title>rendered</title>'; then
    echo "bpmn-js could not render $file" >&2
    exit 1
  fi
  chrome --force-device-scale-factor="$scale" --window-size="$width,$height" \
    --screenshot="$root/docs/images/$name.png" "$url" >/dev/null
  echo "docs/images/$name.png (${width}x${height} at scale $scale) from ${file#"$root"/}"
done
