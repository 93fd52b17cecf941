namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// One application per database provider for a test class (fresh databases per class). Tests are theories over
/// <see cref="Providers"/> and ask for the app of their provider.
/// </summary>
public sealed class Apps : IAsyncLifetime
{
    private readonly Dictionary<Provider, Task<TestApp>> started = [];
    private readonly Lock gate = new();

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    public Task<TestApp> For(Provider provider)
    {
        lock (gate)
        {
            if (!started.TryGetValue(provider, out var app))
            {
                started[provider] = app = TestApp.StartAsync(provider);
            }

            return app;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in started.Values)
        {
            await (await app).DisposeAsync();
        }
    }
}
