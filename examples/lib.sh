# Shared helpers of the example scripts (sourced, not run). Builds the project and sets:
#   LESSRAM_CP    class path: the project's classes + MOA and its dependencies (+ the SizeOf agent jar)
#   LESSRAM_JAVA  java command line prefix: heap, MOA's SizeOf agent and the add-opens it needs on Java 17+
# Usage: source examples/lib.sh; lessram_build compile|package; "${LESSRAM_JAVA[@]}" moa.DoTask "..."

lessram_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

# lessram_build [compile|package]: builds with Maven (tests skipped) and resolves the class path.
lessram_build() {
  local goal=${1:-compile}
  local root
  root=$(lessram_root)
  command -v java >/dev/null || { echo "error: java not found (Java 11+ needed, 17 tested)" >&2; return 1; }
  command -v mvn >/dev/null || { echo "error: mvn (Maven) not found" >&2; return 1; }
  echo "Building the project (mvn -q -B -DskipTests $goal)..." >&2
  (cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests "$goal") || { echo "error: the build failed" >&2; return 1; }
  echo "Resolving the MOA class path (mvn dependency:build-classpath)..." >&2
  mkdir -p "$root/target"
  # All scopes: MOA is 'provided' for the project; the SizeOf agent jar is a test dependency.
  (cd "$root" && mvn -q -B -Dstyle.color=never dependency:build-classpath -DexcludeTypes=pom \
      -Dmdep.outputFile="$root/target/examples-classpath.txt") \
    || { echo "error: could not resolve the class path" >&2; return 1; }
  LESSRAM_CP="$root/target/classes:$(cat "$root/target/examples-classpath.txt")"
  local agent
  agent=$(tr ':' '\n' < "$root/target/examples-classpath.txt" | grep -m1 '/sizeofag-[^/]*\.jar$' || true)
  LESSRAM_JAVA=(java -Xmx"${HEAP:-3g}" -Djava.awt.headless=true)
  if [[ -n "$agent" ]]; then
    # MOA's model sizes (measureByteSize) come from this agent; without it they are unknown (-1).
    # On Java 17 it needs these packages opened, or JDK collections are silently skipped.
    LESSRAM_JAVA+=(-javaagent:"$agent"
      --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
      --add-opens java.base/java.util.concurrent=ALL-UNNAMED)
  else
    echo "warning: sizeofag jar not found on the class path: model bytes will be unknown" >&2
  fi
  LESSRAM_JAVA+=(-cp "$LESSRAM_CP")
}

# lessram_dotask "<MOA task CLI>": runs moa.DoTask; fails if the output has no table (moa.DoTask exits 0
# even when the task fails, so the output is checked instead of the exit code).
lessram_dotask() {
  local out task=${1%% *} rest=${1#* }
  # -S (a moa.DoTask flag given among the task's options): no spinning status line on stderr
  out=$("${LESSRAM_JAVA[@]}" moa.DoTask "$task -S $rest") || { echo "error: java failed" >&2; return 1; }
  if ! grep -q '^| stream ' <<<"$out"; then
    echo "$out" >&2
    echo "error: the task failed: $1" >&2
    return 1
  fi
  printf '%s\n' "$out" | sed -n '/^| stream /,$p'
}
