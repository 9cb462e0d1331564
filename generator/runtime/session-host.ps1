#Requires -Version 7.2
<#
.SYNOPSIS
    Host loop of PowerShellSession: runs cmdlets sent by Node over a framed JSON protocol.

.DESCRIPTION
    Started as `pwsh -NoLogo -NoProfile -NonInteractive -File session-host.ps1` with stdin and
    stdout as pipes. Every message is one line of base64-encoded UTF-8 JSON, in both directions.
    Response lines carry a prefix, the frame tag that Node sends in the first (hello) message, so
    that Node can tell them apart from anything else the process writes to stdout.

    Commands run in a second runspace that has no host, so a prompt (missing mandatory
    parameter, Read-Host, ShouldProcess confirmation, Get-Credential) fails at once instead of
    waiting for input, and the error, warning, verbose, debug and information streams are
    collected apart from the output. The command is checked to be a cmdlet or function of the
    named module, then added by its module-qualified name and every parameter as a value, which
    is what `& 'Module\Verb-Noun' @params` does: no text from a request becomes script text. The only exception is a value tagged `scriptblock`, which
    the caller sends as code on purpose.

    Requests (after the hello):
      { "kind": "invoke", "id": 1, "module": "M", "command": "Verb-Noun", "depth": 10,
        "parameters": [ ["Name", <value>], ... ] }
    Values are tagged: { "t": "string", "v": "..." }, and so on (see ConvertFrom-WireValue).
#>

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$script:Utf8 = [System.Text.UTF8Encoding]::new($false)
$script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture
$script:FrameReader = [System.IO.StreamReader]::new([Console]::OpenStandardInput(), $script:Utf8, $false, 65536)
$script:FrameStream = [Console]::OpenStandardOutput()
$script:FramePrefix = $null
$script:Runspace = $null
$script:Commands = [System.Collections.Generic.Dictionary[string, System.Management.Automation.CommandInfo]]::new([System.StringComparer]::OrdinalIgnoreCase)
$script:CommandTypes = [System.Management.Automation.CommandTypes]'Cmdlet, Function'

# Anything else that writes to the console (Write-Host in this runspace, .NET code calling
# Console.WriteLine) goes to stderr, and nothing can read the request pipe through Console.In.
[Console]::SetOut([Console]::Error)
[Console]::SetIn([System.IO.TextReader]::Null)
# $PSStyle is one object per process: strings formatted by any runspace carry no ANSI escapes.
$PSStyle.OutputRendering = 'PlainText'

# Raised by the output walker; the message says where the output went wrong.
class SessionOutputException : System.Exception {
    [string] $Code
    SessionOutputException([string] $code, [string] $message) : base($message) {
        $this.Code = $code
    }
}

function Send-Frame([byte[]] $Json) {
    $line = $script:FramePrefix + [Convert]::ToBase64String($Json) + "`n"
    $bytes = $script:Utf8.GetBytes($line)
    $script:FrameStream.Write($bytes, 0, $bytes.Length)
    $script:FrameStream.Flush()
}

function New-JsonWriter([System.IO.MemoryStream] $Stream) {
    $options = [System.Text.Json.JsonWriterOptions]::new()
    # Keeps non-ASCII text as UTF-8 instead of \u escapes; quotes and controls are still escaped.
    $options.Encoder = [System.Text.Encodings.Web.JavaScriptEncoder]::UnsafeRelaxedJsonEscaping
    $options.MaxDepth = 1000
    return [System.Text.Json.Utf8JsonWriter]::new($Stream, $options)
}

function Complete-Json([System.Text.Json.Utf8JsonWriter] $Writer, [System.IO.MemoryStream] $Stream) {
    $Writer.Flush()
    $Writer.Dispose()
    return , $Stream.ToArray()
}

#region Values from Node

function ConvertFrom-WireValue([System.Text.Json.JsonElement] $Element) {
    $tag = $Element.GetProperty('t').GetString()
    switch ($tag) {
        'null' { return $null }
        'string' { return $Element.GetProperty('v').GetString() }
        'bool' { return $Element.GetProperty('v').GetBoolean() }
        'int' { return ConvertFrom-IntegerText $Element.GetProperty('v').GetString() }
        'double' { return ConvertFrom-DoubleElement $Element.GetProperty('v') }
        'date' {
            $text = $Element.GetProperty('v').GetString()
            return [datetime]::Parse($text, $script:Invariant, [System.Globalization.DateTimeStyles]::RoundtripKind)
        }
        'array' {
            $items = [System.Collections.Generic.List[object]]::new()
            foreach ($item in $Element.GetProperty('v').EnumerateArray()) {
                $items.Add((ConvertFrom-WireValue $item))
            }
            return , $items.ToArray()
        }
        'hashtable' {
            $table = @{}
            foreach ($pair in $Element.GetProperty('v').EnumerateArray()) {
                $table[$pair[0].GetString()] = ConvertFrom-WireValue $pair[1]
            }
            return $table
        }
        'bytes' { return , [Convert]::FromBase64String($Element.GetProperty('v').GetString()) }
        'securestring' { return New-SecureString $Element.GetProperty('v').GetString() }
        'credential' {
            $password = New-SecureString $Element.GetProperty('password').GetString()
            return [pscredential]::new($Element.GetProperty('user').GetString(), $password)
        }
        'scriptblock' {
            # Created through the command runspace, so the block runs there and not here.
            return $script:Runspace.SessionStateProxy.InvokeCommand.NewScriptBlock($Element.GetProperty('v').GetString())
        }
        default { throw "Unknown value tag '$tag'." }
    }
}

function ConvertFrom-IntegerText([string] $Text) {
    $style = [System.Globalization.NumberStyles]::AllowLeadingSign
    $int = 0
    if ([int]::TryParse($Text, $style, $script:Invariant, [ref] $int)) { return $int }
    $long = [long] 0
    if ([long]::TryParse($Text, $style, $script:Invariant, [ref] $long)) { return $long }
    return [System.Numerics.BigInteger]::Parse($Text, $style, $script:Invariant)
}

function ConvertFrom-DoubleElement([System.Text.Json.JsonElement] $Element) {
    # NaN and the infinities have no JSON number form, so Node sends them as text.
    if ($Element.ValueKind -eq [System.Text.Json.JsonValueKind]::String) {
        return [double]::Parse($Element.GetString(), $script:Invariant)
    }
    return $Element.GetDouble()
}

function New-SecureString([string] $PlainText) {
    $secure = [System.Security.SecureString]::new()
    foreach ($character in $PlainText.ToCharArray()) {
        $secure.AppendChar($character)
    }
    $secure.MakeReadOnly()
    return $secure
}

#endregion

#region Output to Node

# Writes one value as JSON. Dates become ISO 8601 round-trip strings ('o'), enums their names,
# and a complex value deeper than the requested depth raises an error instead of turning into a
# type name, which is what ConvertTo-Json does with only a warning.
function Write-OutputValue([System.Text.Json.Utf8JsonWriter] $Writer, $Value, [int] $Level) {
    if ($null -eq $Value) {
        $Writer.WriteNullValue()
        return
    }
    $base = $Value.psobject.BaseObject
    if ($base -is [string]) { $Writer.WriteStringValue($base); return }
    if ($base -is [bool]) { $Writer.WriteBooleanValue($base); return }
    if ($base -is [int] -or $base -is [long] -or $base -is [int16] -or $base -is [byte] -or
        $base -is [sbyte] -or $base -is [uint16] -or $base -is [uint32]) {
        $Writer.WriteNumberValue([long] $base)
        return
    }
    if ($base -is [uint64]) { $Writer.WriteNumberValue([uint64] $base); return }
    if ($base -is [double] -or $base -is [single]) {
        if ([double]::IsFinite($base)) { $Writer.WriteNumberValue([double] $base) }
        else { $Writer.WriteStringValue($base.ToString($script:Invariant)) }
        return
    }
    if ($base -is [decimal]) { $Writer.WriteNumberValue([decimal] $base); return }
    if ($base -is [System.Numerics.BigInteger]) { $Writer.WriteRawValue($base.ToString($script:Invariant), $false); return }
    if ($base -is [datetime] -or $base -is [System.DateTimeOffset]) {
        $Writer.WriteStringValue($base.ToString('o', $script:Invariant))
        return
    }
    if ($base -is [enum]) { $Writer.WriteStringValue($base.ToString()); return }
    if ($base -is [timespan]) { $Writer.WriteStringValue($base.ToString('c', $script:Invariant)); return }
    if ($base -is [System.Management.Automation.SwitchParameter]) { $Writer.WriteBooleanValue($base.IsPresent); return }
    if ($base -is [type]) { $Writer.WriteStringValue($base.FullName); return }
    if ($base -is [char] -or $base -is [guid] -or $base -is [uri] -or $base -is [version] -or
        $base -is [semver] -or $base -is [scriptblock] -or $base -is [System.Net.IPAddress]) {
        $Writer.WriteStringValue($base.ToString())
        return
    }
    # Provider objects point back at their parents and drives without end; below the top level
    # they are written as their path or name.
    if ($Level -gt 0) {
        if ($base -is [System.IO.FileSystemInfo]) { $Writer.WriteStringValue($base.FullName); return }
        if ($base -is [System.Management.Automation.PSDriveInfo] -or $base -is [System.Management.Automation.ProviderInfo]) {
            $Writer.WriteStringValue($base.ToString())
            return
        }
    }
    Write-ComplexValue $Writer $Value $base $Level
}

function Write-ComplexValue([System.Text.Json.Utf8JsonWriter] $Writer, $Value, $Base, [int] $Level) {
    if ($Level -gt $script:Depth) {
        throw [SessionOutputException]::new('output-too-deep',
            "The output is deeper than the depth limit $($script:Depth) at $(Get-OutputPath) " +
            "(a $($Base.GetType().FullName)). Raise the depth (at most 100) or return less nested objects.")
    }
    # Every PSCustomObject shares one base object, so those are told apart by their wrapper.
    # (Plain assignments: an if expression would unroll an array into its elements.)
    $identity = $Base
    if ($Base -is [System.Management.Automation.PSCustomObject]) { $identity = $Value }
    $tracked = -not $Base.GetType().IsValueType
    if ($tracked -and -not $script:Visiting.Add($identity)) {
        throw [SessionOutputException]::new('output-cycle',
            "The output refers back to itself at $(Get-OutputPath) (a $($Base.GetType().FullName)), " +
            "so it cannot be written as JSON.")
    }
    try {
        if ($Base -is [System.Collections.IDictionary]) {
            $Writer.WriteStartObject()
            foreach ($entry in $Base.GetEnumerator()) {
                $name = [string] $entry.Key
                $Writer.WritePropertyName($name)
                Write-OutputChild $Writer $entry.Value $Level ".$name"
            }
            $Writer.WriteEndObject()
        }
        elseif ($Base -is [System.Collections.IEnumerable]) {
            $Writer.WriteStartArray()
            $index = 0
            foreach ($item in $Base) {
                Write-OutputChild $Writer $item $Level "[$index]"
                $index++
            }
            $Writer.WriteEndArray()
        }
        else {
            $Writer.WriteStartObject()
            foreach ($property in $Value.psobject.Properties) {
                if (-not $property.IsGettable) { continue }
                # A getter that throws (a missing file version, a disposed handle) has no value.
                $propertyValue = $null
                try { $propertyValue = $property.Value } catch { $propertyValue = $null }
                $Writer.WritePropertyName($property.Name)
                Write-OutputChild $Writer $propertyValue $Level ".$($property.Name)"
            }
            $Writer.WriteEndObject()
        }
    }
    finally {
        if ($tracked) { $null = $script:Visiting.Remove($identity) }
    }
}

function Write-OutputChild([System.Text.Json.Utf8JsonWriter] $Writer, $Value, [int] $Level, [string] $Step) {
    $script:OutputPath.Add($Step)
    Write-OutputValue $Writer $Value ($Level + 1)
    $script:OutputPath.RemoveAt($script:OutputPath.Count - 1)
}

function Get-OutputPath {
    return 'output' + ($script:OutputPath -join '')
}

function Reset-OutputWalk([int] $Depth) {
    $script:Depth = $Depth
    $script:Visiting = [System.Collections.Generic.HashSet[object]]::new([System.Collections.Generic.ReferenceEqualityComparer]::Instance)
    $script:OutputPath = [System.Collections.Generic.List[string]]::new()
}

# Writes a value that describes something (an error target, information data) without failing:
# past depth 2 or on a cycle the value becomes its string form.
function Write-DescriptiveValue([System.Text.Json.Utf8JsonWriter] $Writer, $Value) {
    $stream = [System.IO.MemoryStream]::new()
    $inner = New-JsonWriter $stream
    try {
        Reset-OutputWalk 2
        Write-OutputValue $inner $Value 0
        $inner.Flush()
        $Writer.WriteRawValue($script:Utf8.GetString($stream.ToArray()), $false)
    }
    catch [SessionOutputException] {
        $Writer.WriteStringValue([string] $Value)
    }
    finally {
        $inner.Dispose()
    }
}

function Write-StringProperty([System.Text.Json.Utf8JsonWriter] $Writer, [string] $Name, [object] $Text) {
    if ($null -eq $Text) { $Writer.WriteNull($Name) }
    else { $Writer.WriteString($Name, [string] $Text) }
}

function Write-ErrorRecord([System.Text.Json.Utf8JsonWriter] $Writer, [System.Management.Automation.ErrorRecord] $Record) {
    $info = $Record.CategoryInfo
    $message = $Record.Exception.Message
    if ($null -ne $Record.ErrorDetails -and -not [string]::IsNullOrEmpty($Record.ErrorDetails.Message)) {
        $message = $Record.ErrorDetails.Message
    }
    $Writer.WriteStartObject()
    Write-StringProperty $Writer 'message' $message
    Write-StringProperty $Writer 'fullyQualifiedErrorId' $Record.FullyQualifiedErrorId
    Write-StringProperty $Writer 'category' $info.Category.ToString()
    Write-StringProperty $Writer 'activity' $info.Activity
    Write-StringProperty $Writer 'reason' $info.Reason
    Write-StringProperty $Writer 'targetName' $info.TargetName
    Write-StringProperty $Writer 'targetType' $info.TargetType
    $Writer.WritePropertyName('target')
    Write-DescriptiveValue $Writer $Record.TargetObject
    Write-StringProperty $Writer 'exceptionType' $Record.Exception.GetType().FullName
    Write-StringProperty $Writer 'scriptStackTrace' $Record.ScriptStackTrace
    $Writer.WriteEndObject()
}

function Write-Streams([System.Text.Json.Utf8JsonWriter] $Writer, [powershell] $Shell, [System.Management.Automation.ErrorRecord] $Terminating) {
    $Writer.WriteStartArray('errors')
    foreach ($record in $Shell.Streams.Error) {
        if (-not [object]::ReferenceEquals($record, $Terminating)) { Write-ErrorRecord $Writer $record }
    }
    $Writer.WriteEndArray()
    foreach ($pair in @(('warnings', $Shell.Streams.Warning), ('verbose', $Shell.Streams.Verbose), ('debug', $Shell.Streams.Debug))) {
        $Writer.WriteStartArray($pair[0])
        foreach ($record in $pair[1]) { $Writer.WriteStringValue($record.Message) }
        $Writer.WriteEndArray()
    }
    $Writer.WriteStartArray('information')
    foreach ($record in $Shell.Streams.Information) {
        $Writer.WriteStartObject()
        Write-StringProperty $Writer 'message' ([string] $record.MessageData)
        $Writer.WritePropertyName('data')
        Write-DescriptiveValue $Writer $record.MessageData
        $Writer.WriteStartArray('tags')
        foreach ($tag in $record.Tags) { $Writer.WriteStringValue($tag) }
        $Writer.WriteEndArray()
        Write-StringProperty $Writer 'source' $record.Source
        $Writer.WriteEndObject()
    }
    $Writer.WriteEndArray()
}

function New-FailureFrame([long] $Id, [string] $Code, [string] $Message) {
    $stream = [System.IO.MemoryStream]::new()
    $writer = New-JsonWriter $stream
    $writer.WriteStartObject()
    $writer.WriteNumber('id', $Id)
    $writer.WriteString('kind', 'failure')
    $writer.WriteString('code', $Code)
    $writer.WriteString('message', $Message)
    $writer.WriteEndObject()
    return , (Complete-Json $writer $stream)
}

#endregion

#region Requests

function Resolve-SessionCommand([string] $Module, [string] $Command) {
    $key = "$Module\$Command"
    $info = $null
    if ($script:Commands.TryGetValue($key, [ref] $info)) { return $info }
    # A module-qualified name is looked up without wildcards and skips aliases and functions
    # of the same name defined elsewhere; autoloading imports the module when needed.
    $info = $script:Runspace.SessionStateProxy.InvokeCommand.GetCommand($key, $script:CommandTypes)
    if ($null -eq $info -or $info.Name -ne $Command -or $info.ModuleName -ne $Module) { return $null }
    $script:Commands[$key] = $info
    return $info
}

function Invoke-SessionRequest([System.Text.Json.JsonElement] $Request) {
    $id = $Request.GetProperty('id').GetInt64()
    $module = $Request.GetProperty('module').GetString()
    $command = $Request.GetProperty('command').GetString()
    $depth = $Request.GetProperty('depth').GetInt32()

    # 1. Resolve the command and rebuild the parameter values.
    $info = Resolve-SessionCommand $module $command
    if ($null -eq $info) {
        return , (New-FailureFrame $id 'command-not-found' "The command '$module\$command' was not found as a cmdlet or function of module '$module'.")
    }
    $shell = [powershell]::Create()
    try {
        $shell.Runspace = $script:Runspace
        # Added by its module-qualified name, like `& 'Module\Verb-Noun'`. Adding the CommandInfo
        # itself would run a module function outside its module scope, where the module's
        # private functions are not found.
        $null = $shell.AddCommand("$($info.ModuleName)\$($info.Name)")
        foreach ($pair in $Request.GetProperty('parameters').EnumerateArray()) {
            $null = $shell.AddParameter($pair[0].GetString(), (ConvertFrom-WireValue $pair[1]))
        }

        # 2. Run it; output written before a terminating error is kept.
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $terminating = $null
        try {
            $null = $shell.Invoke($null, $output)
        }
        catch {
            $terminating = Get-TerminatingRecord $_.Exception
        }

        # 3. Write the response; a walk failure replaces it with a failure frame.
        try {
            return , (New-ResultFrame $id $shell $output $terminating $depth)
        }
        catch [SessionOutputException] {
            $failure = $_.Exception
            return , (New-FailureFrame $id $failure.Code "$module\$command ran, but its output could not be returned. $($failure.Message)")
        }
    }
    finally {
        $shell.Dispose()
    }
}

function Get-TerminatingRecord([System.Exception] $Exception) {
    # Invoke() called from script wraps the pipeline's exception in MethodInvocationException.
    while ($Exception -is [System.Management.Automation.MethodInvocationException] -and $null -ne $Exception.InnerException) {
        $Exception = $Exception.InnerException
    }
    if ($Exception -is [System.Management.Automation.IContainsErrorRecord]) { return $Exception.ErrorRecord }
    return [System.Management.Automation.ErrorRecord]::new($Exception, $Exception.GetType().Name, 'NotSpecified', $null)
}

function New-ResultFrame([long] $Id, [powershell] $Shell, $Output, $Terminating, [int] $Depth) {
    $stream = [System.IO.MemoryStream]::new()
    $writer = New-JsonWriter $stream
    try {
        $writer.WriteStartObject()
        $writer.WriteNumber('id', $Id)
        $writer.WriteString('kind', 'result')
        $writer.WriteStartArray('output')
        Reset-OutputWalk $Depth
        $index = 0
        foreach ($item in $Output) {
            $script:OutputPath.Add("[$index]")
            Write-OutputValue $writer $item 0
            $script:OutputPath.RemoveAt($script:OutputPath.Count - 1)
            $index++
        }
        $writer.WriteEndArray()
        Write-Streams $writer $Shell $Terminating
        if ($null -ne $Terminating) {
            $writer.WritePropertyName('terminatingError')
            Write-ErrorRecord $writer $Terminating
        }
        $writer.WriteEndObject()
        return , (Complete-Json $writer $stream)
    }
    catch {
        $writer.Dispose()
        throw
    }
}

function Start-CommandRunspace([string[]] $Modules) {
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    # No host: a prompt raises an error instead of reading the request pipe.
    $script:Runspace = [runspacefactory]::CreateRunspace($state)
    $script:Runspace.Open()
    $script:Runspace.SessionStateProxy.SetVariable('ProgressPreference', 'SilentlyContinue')
    foreach ($module in $Modules) {
        $shell = [powershell]::Create()
        try {
            $shell.Runspace = $script:Runspace
            $null = $shell.AddCommand('Microsoft.PowerShell.Core\Import-Module').AddParameter('Name', $module).AddParameter('ErrorAction', 'Stop')
            $null = $shell.Invoke()
        }
        catch {
            $record = Get-TerminatingRecord $_.Exception
            throw "Importing module '$module' failed: $($record.Exception.Message)"
        }
        finally {
            $shell.Dispose()
        }
    }
}

function New-ReadyFrame {
    $stream = [System.IO.MemoryStream]::new()
    $writer = New-JsonWriter $stream
    $writer.WriteStartObject()
    $writer.WriteString('kind', 'ready')
    $writer.WriteString('psVersion', $PSVersionTable.PSVersion.ToString())
    $writer.WriteNumber('processId', $PID)
    $writer.WriteEndObject()
    return , (Complete-Json $writer $stream)
}

function Read-Request {
    $line = $script:FrameReader.ReadLine()
    while ($null -ne $line -and $line.Length -eq 0) { $line = $script:FrameReader.ReadLine() }
    if ($null -eq $line) { return $null }
    $json = $script:Utf8.GetString([Convert]::FromBase64String($line))
    return [System.Text.Json.JsonDocument]::Parse($json, [System.Text.Json.JsonDocumentOptions]::new())
}

#endregion

# 1. Hello: the frame tag and the modules to import.
$hello = Read-Request
if ($null -eq $hello) { exit 0 }
$script:FramePrefix = $hello.RootElement.GetProperty('frameTag').GetString() + ':'
$modules = [System.Collections.Generic.List[string]]::new()
foreach ($module in $hello.RootElement.GetProperty('modules').EnumerateArray()) { $modules.Add($module.GetString()) }
try {
    Start-CommandRunspace $modules.ToArray()
    Send-Frame (New-ReadyFrame)
}
catch {
    Send-Frame (New-FailureFrame 0 'start-failed' $_.Exception.Message)
    exit 1
}

# 2. One request at a time until stdin closes.
while ($true) {
    $document = Read-Request
    if ($null -eq $document) { break }
    $id = 0
    try {
        $root = $document.RootElement
        $id = $root.GetProperty('id').GetInt64()
        Send-Frame (Invoke-SessionRequest $root)
    }
    catch {
        Send-Frame (New-FailureFrame $id 'host-error' "The session host failed to process request ${id}: $($_.Exception.Message)")
    }
    finally {
        $document.Dispose()
    }
}
$script:Runspace.Dispose()
