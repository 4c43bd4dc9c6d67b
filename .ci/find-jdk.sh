# Sourced by ./debias and .ci/run: picks a JDK >= 21 and exports JAVA_HOME.
# Order: JAVA_HOME if new enough, else the newest JDK under /usr/lib/jvm, else `java` on PATH.

debias_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

debias_find_jdk() {
  local min=21 best="" best_major=0 major candidate
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(debias_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(debias_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(debias_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then best="$candidate"; fi
  fi
  if [ -z "$best" ]; then
    echo "debias: no JDK $min or newer found (looked at JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm/*, and javac on PATH)." >&2
    echo "debias: install one (e.g. 'apt-get install openjdk-21-jdk') or point JAVA_HOME at it." >&2
    return 1
  fi
  echo "$best"
}
