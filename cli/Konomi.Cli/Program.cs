using Konomi.Cli;

return await KonomiCommand.Create().Parse(args).InvokeAsync();
