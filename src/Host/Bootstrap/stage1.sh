# Rmote stage-1 bootstrap (POSIX sh). The host prepends the variables and runs it as `exec sh -c '<script>'`, so
# the whole script is parsed before anything runs and no shell reads ahead of `head -c` on stdin.
#   n    per-connection nonce         D    dotnet command on the target    H  sha256 of the bundle
#   C    cache root ('' = default)    N    upload length in bytes          E  entry assembly
#   MAN  bundle manifest              FILES  the manifest's paths, space-separated
# Output: lines "<marker> <nonce> <verb> ..." on stdout (anything before them is login noise the host skips):
#   upload <bytes>    the host must now send exactly <bytes> bytes of the canonical bundle on stdin
#   exec cached|uploaded    the next byte on stdout is the agent's
#   error <code> <details>
# The marker is built at run time, so echoed script text (sh -v) never contains a complete marker line.
m=RMOTE; m=$m-BOOT
say() { printf '%s %s %s\n' "$m" "$n" "$*"; }
fail() { say error "$1" "$(printf '%s' "$2" | tr '\r\n\t' '   ' | head -c 4000)"; exit 1; }

# 1. The runtime: dotnet must run and list a Microsoft.NETCore.App of major version 10 or later.
out=$("$D" --list-runtimes </dev/null 2>&1); rc=$?
case $rc in
  0) ;;
  126|127) fail dotnet-not-found "$D: $out" ;;
  *) fail dotnet-too-old "$D --list-runtimes exited with $rc: $out" ;;
esac
ok= found=
while IFS= read -r l; do
  case $l in
    'Microsoft.NETCore.App '*)
      v=${l#Microsoft.NETCore.App }; v=${v%% *}; found="$found $v"; maj=${v%%.*}
      case $maj in ''|*[!0-9]*) ;; *) [ "$maj" -ge 10 ] && ok=1 ;; esac ;;
  esac
done <<EOF
$out
EOF
[ -n "$ok" ] || fail dotnet-too-old "$D has Microsoft.NETCore.App${found:- (none)}"

# 2. A sha256 tool: the cache is verified by hashing manifest + files, which must give H.
if command -v sha256sum >/dev/null 2>&1; then sha() { sha256sum | { read -r x _; printf '%s' "$x"; }; }
elif command -v shasum >/dev/null 2>&1; then sha() { shasum -a 256 | { read -r x _; printf '%s' "$x"; }; }
elif command -v openssl >/dev/null 2>&1; then sha() { openssl dgst -sha256 | { read -r x; printf '%s' "${x##* }"; }; }
else fail no-sha256 "none of sha256sum, shasum or openssl is installed"; fi
sum() { ( cd "$1" 2>/dev/null && { printf '%s' "$MAN"; cat $FILES 2>/dev/null; } | sha ); }

# 3. The cache: a verified entry is used as is.
if [ -z "$C" ]; then
  [ -n "${XDG_CACHE_HOME:-}${HOME:-}" ] || fail cache-not-writable "neither XDG_CACHE_HOME nor HOME is set"
  C=${XDG_CACHE_HOME:-$HOME/.cache}/rmote/agent
fi
d=$C/$H
if [ -d "$d" ] && [ "$(sum "$d")" = "$H" ]; then say exec cached; exec "$D" "$d/$E"; fi

# 4. Upload into a private temp dir beside the entry, verify, unpack, verify again, then rename it into place.
t=$C/.up.$n
# Private from the start (mode 0700); no umask change, which the exec'd agent would inherit.
mkdir -p "$C" 2>/dev/null && mkdir -m 700 "$t" 2>/dev/null || fail cache-not-writable "cannot create $t"
trap 'rm -rf "$t"' EXIT
trap 'exit 1' HUP INT TERM PIPE
# Uploads killed hard (SIGKILL, power loss) leave their temp dir: sweep those older than an hour.
find "$C" -name '.up.*' -prune -mmin +60 -exec rm -rf {} + 2>/dev/null
command -v head >/dev/null 2>&1 && command -v tail >/dev/null 2>&1 || fail tool-missing "head and tail are required"
say upload "$N"
head -c "$N" > "$t/.blob" 2>/dev/null || fail cache-not-writable "cannot write $t/.blob"
[ "$(sha < "$t/.blob")" = "$H" ] || fail checksum-mismatch "the upload does not hash to $H"
o=$((${#MAN} + 1))
while read -r s f; do
  [ -n "$s" ] || continue
  case $f in */*) mkdir -p "$t/${f%/*}" ;; esac
  tail -c "+$o" "$t/.blob" | head -c "$s" > "$t/$f" || fail cache-not-writable "cannot write $t/$f"
  o=$((o + s))
done <<EOF
$MAN
EOF
rm -f "$t/.blob"
[ "$(sum "$t")" = "$H" ] || fail checksum-mismatch "the unpacked bundle does not hash to $H"
# A damaged entry is moved aside and replaced; a valid one (another connection won the race) is kept and ours dropped.
if [ -d "$d" ] && [ "$(sum "$d")" != "$H" ]; then
  mv "$d" "$C/.old.$n" 2>/dev/null && rm -rf "$C/.old.$n"
fi
# mv into an existing directory would nest ours inside it (a racing connection was faster): remove the nested copy,
# and ours if it was not moved (exec skips the EXIT trap).
[ -d "$d" ] || mv "$t" "$d" 2>/dev/null
rm -rf "$d/.up.$n" "$t"
[ "$(sum "$d")" = "$H" ] || fail cache-not-writable "cannot replace $d"
trap - EXIT
say exec uploaded
exec "$D" "$d/$E"
