#!/usr/bin/env bash
# Installs PowerShell 7.6.10 as a .NET tool under .tools/pwsh for the end-to-end tests, unless it
# is already there. Without the .NET SDK it prints why and leaves the pwsh tests to skip.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .tools/pwsh/pwsh ]; then
  exit 0
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-pwsh: the .NET SDK (dotnet) is not on PATH, so tests that need PowerShell will be skipped." >&2
  exit 0
fi
# 7.6.10 is pinned: a plain install takes a newer release that fails to start here.
dotnet tool install --tool-path .tools/pwsh PowerShell --version 7.6.10
echo "install-pwsh: PowerShell is at .tools/pwsh/pwsh (not on PATH); the tests and PowerShellSession find it there."
