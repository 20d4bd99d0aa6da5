using Konomi.Cli;

return await KonomiCommand.InvokeAsync(args);
