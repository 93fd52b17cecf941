namespace Clearinghouse.Data;

/// <summary>
/// One feature's demo data. The initializer loads each set once per installation (remembered under
/// <see cref="SettingKey"/>), in <see cref="Order"/>, each in its own transaction.
/// </summary>
internal interface IDemoDataSet
{
    /// <summary>Key in <see cref="AppSetting"/> that records that this set was loaded.</summary>
    string SettingKey { get; }

    /// <summary>Sets with a lower order load first (the directory first: other sets link to its organisations).</summary>
    int Order { get; }

    /// <summary>Adds what is missing and returns the number of main records added.</summary>
    Task<int> LoadAsync(AppDbContext db, CancellationToken cancellationToken);
}
