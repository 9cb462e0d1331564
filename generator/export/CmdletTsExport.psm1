# Reads command metadata for `cmdlet-ts export`. PowerShellSession imports this module by path
# and calls Get-CmdletTsCommandMetadata, so the module name and command names arrive as data.

Set-StrictMode -Version 3.0

$script:CommonParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]] ([System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'),
    [System.StringComparer]::OrdinalIgnoreCase)

function Get-CmdletTsCommandMetadata {
    # Returns one ordered dictionary per cmdlet or function of the module, sorted by name.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Module,
        [string[]] $Name
    )

    # Provider dynamic parameters (such as -Raw of Get-Content) depend on the current location;
    # a FileSystem location gives the set that file cmdlets document.
    Set-Location -LiteralPath ([System.IO.Path]::GetTempPath())
    # A module given by path is listed by the name Import-Module reports.
    $imported = Import-Module -Name $Module -PassThru -ErrorAction Stop | Select-Object -First 1
    $commands = @(Get-Command -Module $imported.Name -CommandType Cmdlet, Function -ErrorAction Stop)
    if ($PSBoundParameters.ContainsKey('Name')) {
        $wanted = [System.Collections.Generic.HashSet[string]]::new($Name, [System.StringComparer]::OrdinalIgnoreCase)
        $commands = @($commands | Where-Object { $wanted.Contains($_.Name) })
        $found = @($commands | ForEach-Object Name)
        $missing = @($Name | Where-Object { $found -notcontains $_ })
        if ($missing.Count -gt 0) {
            throw "Module '$Module' has no cmdlet or function named $($missing -join ', ')."
        }
    }
    foreach ($command in ($commands | Sort-Object -Property Name -Culture ([cultureinfo]::InvariantCulture))) {
        ConvertTo-CommandMetadata $command
    }
}

function ConvertTo-CommandMetadata([System.Management.Automation.CommandInfo] $Command) {
    $binding = Get-BindingAttribute $Command
    $defaults = Get-FunctionDefault $Command
    $parameters = foreach ($parameter in $Command.Parameters.Values) {
        if (-not $script:CommonParameters.Contains($parameter.Name)) {
            ConvertTo-ParameterMetadata $parameter $defaults
        }
    }
    $sets = foreach ($set in $Command.ParameterSets) {
        [ordered]@{
            name      = $set.Name
            isDefault = $set.IsDefault
            syntax    = $set.ToString()
        }
    }
    [ordered]@{
        name                  = $Command.Name
        module                = $Command.ModuleName
        commandType           = $Command.CommandType.ToString()
        helpFile              = if ($Command.HelpFile) { Split-Path -Leaf $Command.HelpFile } else { $null }
        helpUri               = $Command.HelpUri
        cmdletBinding         = $Command -is [System.Management.Automation.CmdletInfo] -or [bool] $Command.CmdletBinding
        supportsShouldProcess = $Command.Parameters.ContainsKey('WhatIf') -and $Command.Parameters.ContainsKey('Confirm')
        confirmImpact         = if ($binding) { $binding.ConfirmImpact.ToString() } else { $null }
        defaultParameterSet   = $Command.DefaultParameterSet
        aliases               = @(Get-Alias -Definition $Command.Name -ErrorAction Ignore | ForEach-Object Name | Sort-Object -Unique)
        outputTypes           = @($Command.OutputType | ForEach-Object Name | Sort-Object -Unique)
        parameterSets         = @($sets)
        parameters            = @($parameters)
    }
}

function ConvertTo-ParameterMetadata([System.Management.Automation.ParameterMetadata] $Parameter, [hashtable] $Defaults) {
    $attributes = $Parameter.Attributes
    $parameterAttributes = @($attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $validateSet = @($attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
    $acceptedValues = @(if ($validateSet.Count -gt 0) { $validateSet[0].ValidValues } else { Get-EnumName $Parameter.ParameterType })
    $helpMessages = @($parameterAttributes | ForEach-Object HelpMessage | Where-Object { $_ })
    $sets = foreach ($entry in $Parameter.ParameterSets.GetEnumerator()) {
        $position = $entry.Value.Position
        [ordered]@{
            name                            = $entry.Key
            position                        = if ($position -eq [int]::MinValue) { $null } else { $position }
            isMandatory                     = $entry.Value.IsMandatory
            valueFromPipeline               = $entry.Value.ValueFromPipeline
            valueFromPipelineByPropertyName = $entry.Value.ValueFromPipelineByPropertyName
            valueFromRemainingArguments     = $entry.Value.ValueFromRemainingArguments
        }
    }
    [ordered]@{
        name              = $Parameter.Name
        type              = Format-TypeName $Parameter.ParameterType
        aliases           = @($Parameter.Aliases | Sort-Object -Unique)
        isDynamic         = $Parameter.IsDynamic
        defaultValue      = $Defaults[$Parameter.Name]
        supportsWildcards = @($attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
        dontShow          = @($parameterAttributes | Where-Object DontShow).Count -gt 0
        helpMessage       = if ($helpMessages.Count -gt 0) { $helpMessages[0] } else { $null }
        acceptedValues    = $acceptedValues
        parameterSets     = @($sets)
    }
}

# Writes generic types as `Name[Argument]` rather than with assembly-qualified arguments, which
# would carry version numbers of this machine's runtime.
function Format-TypeName([type] $Type) {
    if ($Type.IsArray) {
        return (Format-TypeName $Type.GetElementType()) + '[' + (',' * ($Type.GetArrayRank() - 1)) + ']'
    }
    if ($Type.IsGenericType) {
        $definition = $Type.GetGenericTypeDefinition().FullName -replace '`\d+$', ''
        $arguments = @($Type.GetGenericArguments() | ForEach-Object { Format-TypeName $_ })
        return "$definition[$($arguments -join ', ')]"
    }
    return $Type.FullName
}

function Get-EnumName([type] $Type) {
    while ($Type.IsArray) { $Type = $Type.GetElementType() }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($null -ne $underlying) { $Type = $underlying }
    if ($Type.IsEnum) { [Enum]::GetNames($Type) }
}

function Get-BindingAttribute([System.Management.Automation.CommandInfo] $Command) {
    if ($Command -is [System.Management.Automation.CmdletInfo]) {
        return $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1
    }
    if ($Command -is [System.Management.Automation.FunctionInfo] -and $Command.CmdletBinding) {
        return $Command.ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] } | Select-Object -First 1
    }
    return $null
}

# Returns the default value text of each parameter of a script function, from its syntax tree.
function Get-FunctionDefault([System.Management.Automation.CommandInfo] $Command) {
    $defaults = @{}
    if ($Command -isnot [System.Management.Automation.FunctionInfo]) { return $defaults }
    $ast = $Command.ScriptBlock.Ast
    $parameters = @()
    if ($ast -is [System.Management.Automation.Language.FunctionDefinitionAst]) {
        if ($null -ne $ast.Parameters) { $parameters += $ast.Parameters }
        $ast = $ast.Body
    }
    if ($null -ne $ast.ParamBlock) { $parameters += $ast.ParamBlock.Parameters }
    foreach ($parameter in $parameters) {
        if ($null -ne $parameter.DefaultValue) {
            $defaults[$parameter.Name.VariablePath.UserPath] = $parameter.DefaultValue.Extent.Text
        }
    }
    return $defaults
}

Export-ModuleMember -Function Get-CmdletTsCommandMetadata
