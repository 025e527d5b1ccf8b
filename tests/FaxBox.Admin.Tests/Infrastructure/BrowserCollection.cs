namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>The browser tests: one Chromium for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
