using Clearinghouse.Cases;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Tests.Cases;

public sealed class CaseKeyRingTests
{
    [Fact]
    public async Task Processes_starting_at_once_share_one_key_ring()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clearinghouse-tests", "keyring-" + Guid.NewGuid().ToString("N"));
        var options = Options.Create(new CaseOptions { KeyRingPath = Path.Combine(folder, "case-keyring.json") });
        try
        {
            using var start = new ManualResetEventSlim();
            var rings = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return new CaseKeyRing(options, new CaseContentRoot(folder));
            })).ToList();
            start.Set();
            var all = await Task.WhenAll(rings);

            var reread = new CaseKeyRing(options, new CaseContentRoot(folder));
            foreach (var ring in all)
            {
                Assert.Equal(reread.HmacKey, ring.HmacKey);
                Assert.Equal(reread.Key(reread.ActiveKeyId), ring.Key(ring.ActiveKeyId));
            }

            Assert.Equal(["case-keyring.json"], System.IO.Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
