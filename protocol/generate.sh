#!/usr/bin/env bash
# Regenerates the committed Java code from the Thrift IDL.
#   protocol/generate.sh          rewrite src/main/gen-java
#   protocol/generate.sh --check  fail if the committed code differs from what the IDL gives
# Needs the Thrift compiler 0.17 (Debian: apt-get install thrift-compiler); its Java output
# compiles against libthrift <= 0.20.0.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
idl="$here/src/main/thrift"
out="$here/src/main/gen-java"
expected="0.17.0"

if ! command -v thrift >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "thrift compiler not found; installing Debian's thrift-compiler" >&2
    (apt-get install -y -q thrift-compiler >/dev/null 2>&1) ||
      (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q thrift-compiler >/dev/null)
  else
    echo "thrift compiler not found: install thrift-compiler $expected" >&2; exit 1
  fi
fi
version="$(thrift --version | awk '{print $3}')"
if [ "$version" != "$expected" ]; then
  echo "thrift $version found, generated code is from $expected" >&2; exit 1
fi

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
for f in "$idl"/*.thrift; do
  thrift --gen java:generated_annotations=suppress,private_members -out "$tmp" "$f"
done

if [ "${1:-}" = "--check" ]; then
  if ! diff -r -q "$tmp" "$out" >/dev/null 2>&1; then
    diff -r "$tmp" "$out" | head -40 >&2
    echo "protocol/src/main/gen-java is stale: run protocol/generate.sh and commit the result" >&2
    exit 1
  fi
  echo "generated Thrift code is current"
else
  rm -rf "$out"; mkdir -p "$out"; cp -r "$tmp"/. "$out"/
  echo "generated $(find "$out" -name '*.java' | wc -l) files into $out"
fi
