namespace FaxBox.FaxServer.Queue;

/// <summary>A page of a job list.</summary>
/// <param name="Jobs">The jobs, newest first.</param>
/// <param name="Total">How many jobs match the filters in all.</param>
public sealed record FaxJobPage(IReadOnlyList<FaxJob> Jobs, int Total);
