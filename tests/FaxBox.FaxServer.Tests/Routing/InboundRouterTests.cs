using FaxBox.FaxServer.Routing;

namespace FaxBox.FaxServer.Tests.Routing;

public sealed class InboundRouterTests
{
    private static InboundRouter Router() => InboundRouter.Create(new InboundRoutingOptions
    {
        Rules =
        [
            new() { CalledNumber = "4930123", SubAddress = "22", Folder = "sales-22" },
            new() { CalledNumber = "4930123", Folder = "sales", Email = ["sales@example.com"], EmailFormat = FaxAttachmentFormat.Tiff },
            new() { CalledNumber = "49301234x.", Folder = "block", Webhook = "https://hooks.example.com/fax?token=1" },
            new() { CallerNumber = "4940999", Folder = "from-hamburg" },
        ],
        Default = new() { Folder = "unsorted" },
    });

    [Fact]
    public void TheFirstMatchingRuleWinsByCalledNumberSubAddressAndCaller()
    {
        InboundRouter router = Router();
        Assert.Equal(0, router.Resolve("4930123", "22", "4940999").RuleIndex);
        Assert.Equal("sales-22", router.Resolve("4930123", "2 2", null).Folder); // T.30 SUB may carry spaces
        InboundRoute sales = router.Resolve("4930123", "23", "4940999");
        Assert.Equal(("sales", 1), (sales.Folder, sales.RuleIndex ?? -1));
        Assert.Equal(["sales@example.com"], sales.Email);
        Assert.Equal(FaxAttachmentFormat.Tiff, sales.EmailFormat);
        Assert.Equal("block", router.Resolve("4930123499", null, "4940999").Folder);
        Assert.Equal("https://hooks.example.com/fax?token=1", router.Resolve("493012340", null, null).Webhook?.AbsoluteUri);
        Assert.Equal("from-hamburg", router.Resolve("4989777", null, "4940999").Folder);
    }

    [Fact]
    public void AFaxNoRuleMatchesTakesTheDefaultRoute()
    {
        InboundRouter router = Router();
        InboundRoute route = router.Resolve("4989777", "22", null);
        Assert.Null(route.RuleIndex);
        Assert.Equal("unsorted", route.Folder);
        Assert.Empty(route.Email);
        Assert.Null(route.Webhook);
        Assert.Equal("unsorted", InboundRouter.Create(new InboundRoutingOptions { Default = new() { Folder = "unsorted" } }).Resolve("1", null, null).Folder);
        Assert.Equal("default", InboundRouter.Create(new InboundRoutingOptions()).Resolve("1", null, null).Folder);
    }

    [Fact]
    public void ARuleOnASubAddressDoesNotMatchAFaxWithoutOne()
    {
        InboundRouter router = InboundRouter.Create(new InboundRoutingOptions { Rules = [new() { SubAddress = "x.", Folder = "any-sub" }] });
        Assert.Equal("any-sub", router.Resolve("1", "5", null).Folder);
        Assert.Equal("default", router.Resolve("1", null, null).Folder);
    }

    [Theory]
    [InlineData(1, "calledNumber", "faxServer.routing.rules[1]: calledNumber '49[3-': position 3: unclosed '['")]
    [InlineData(1, "noMatch", "faxServer.routing.rules[1]: the rule matches nothing")]
    [InlineData(1, "folder", "faxServer.routing.rules[1]: the folder 'sales/../etc' has '/'")]
    [InlineData(1, "reserved", "faxServer.routing.rules[1]: the folder 'incoming' is reserved")]
    [InlineData(1, "email", "faxServer.routing.rules[1]: email 'not an address' is not an e-mail address")]
    [InlineData(1, "webhook", "faxServer.routing.rules[1]: webhook 'ftp://x/' is not an absolute http or https URL")]
    [InlineData(1, "pdfNoHook", "faxServer.routing.rules[1]: webhookIncludesPdf is set but there is no webhook")]
    [InlineData(null, "default", "faxServer.routing.default: the default route cannot have")]
    public void AnInvalidRuleIsRejectedWithItsIndexAndTheReason(int? index, string fault, string expected)
    {
        InboundRouteRule bad = fault switch
        {
            "calledNumber" => new() { CalledNumber = "49[3-" },
            "noMatch" => new() { Folder = "x" },
            "folder" => new() { CalledNumber = "1", Folder = "sales/../etc" },
            "reserved" => new() { CalledNumber = "1", Folder = "incoming" },
            "email" => new() { CalledNumber = "1", Email = ["not an address"] },
            "webhook" => new() { CalledNumber = "1", Webhook = "ftp://x/" },
            "pdfNoHook" => new() { CalledNumber = "1", WebhookIncludesPdf = true },
            _ => new() { CalledNumber = "1" },
        };
        var options = new InboundRoutingOptions { Rules = [new() { CalledNumber = "2" }, index is null ? new() { CalledNumber = "3" } : bad] };
        if (index is null)
        {
            options.Default = bad;
        }

        var ex = Assert.Throws<InboundRoutingException>(() => InboundRouter.Create(options));
        Assert.Equal(index, ex.RuleIndex);
        Assert.True(ex.Message.StartsWith(expected, StringComparison.Ordinal), ex.Message);
    }
}
