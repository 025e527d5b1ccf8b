namespace FaxBox.Admin.Dashboard;

/// <summary>One line of the dashboard's health panel.</summary>
/// <param name="Name">What is checked ("SIP registrations").</param>
/// <param name="Ok">Whether it is as it should be.</param>
/// <param name="Detail">In words ("2 of 2 registered", "trunk: 403 Forbidden").</param>
internal sealed record HealthCheck(string Name, bool Ok, string Detail);
