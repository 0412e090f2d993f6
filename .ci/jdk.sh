# Sourced by .ci/run and ./medconnect: points JAVA_HOME at a JDK 25 or newer, or stops.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    local v; v=$(java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then return 0; fi
  fi
  local candidate
  for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* ; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; return 0; fi
  done
  echo "MedConnect needs JDK 25. Install one (e.g. Temurin 25) and set JAVA_HOME to it, e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64" >&2
  exit 1
}
pick_jdk
export PATH="$JAVA_HOME/bin:$PATH"
