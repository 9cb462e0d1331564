# Runs binder test cases against probe functions and records what pwsh's own binder did.
# Data arrives only as JSON in a file: each case names a probe function and lists its
# arguments as [name, value] pairs, which are splatted from an ordered, case-sensitive
# dictionary. No case text is ever run as code.
param(
    [Parameter(Mandatory)][string]$DefinitionsPath,
    [Parameter(Mandatory)][string]$CasesPath,
    [Parameter(Mandatory)][string]$ResultsPath
)

. $DefinitionsPath

$cmdletTsCases = ConvertFrom-Json -AsHashtable -DateKind String -NoEnumerate -InputObject (Get-Content -Raw -LiteralPath $CasesPath)
$cmdletTsResults = [System.Collections.Generic.List[object]]::new()

foreach ($cmdletTsCase in $cmdletTsCases) {
    $cmdletTsFunction = [string]$cmdletTsCase['function']
    if ($cmdletTsFunction -notmatch '^CmdletTsProbe_[A-Za-z0-9_-]+$') {
        throw "Invalid probe function name: $cmdletTsFunction"
    }
    $cmdletTsArguments = [System.Collections.Specialized.OrderedDictionary]::new()
    foreach ($cmdletTsPair in $cmdletTsCase['arguments']) {
        $cmdletTsArguments.Add([string]$cmdletTsPair[0], $cmdletTsPair[1])
    }
    try {
        $cmdletTsOutput = & $cmdletTsFunction @cmdletTsArguments
        $cmdletTsResults.Add([ordered]@{
            ok = $true
            set = [string]$cmdletTsOutput.ParameterSet
            bound = @($cmdletTsOutput.Bound | ForEach-Object { [string]$_ })
        })
    } catch {
        $cmdletTsResults.Add([ordered]@{
            ok = $false
            id = ($_.FullyQualifiedErrorId -split ',')[0]
            message = $_.Exception.Message
        })
    }
}

ConvertTo-Json -InputObject $cmdletTsResults.ToArray() -Depth 4 -Compress | Set-Content -LiteralPath $ResultsPath -Encoding utf8NoBOM
