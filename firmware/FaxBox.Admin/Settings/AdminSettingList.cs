namespace FaxBox.Admin.Settings;

/// <summary>A list of objects in the configuration (<c>sip.accounts</c>, <c>ports</c>, <c>faxServer.routing.rules</c>) whose entries the settings forms add and remove.</summary>
/// <param name="Path">The list's key.</param>
/// <param name="Noun">What one entry is called on the page ("SIP account").</param>
/// <param name="NewEntryJson">The JSON object a new entry starts as (its keys left out take the option class's defaults).</param>
public sealed record AdminSettingList(string Path, string Noun, string NewEntryJson);
