namespace FaxBox.FaxServer.Queue;

/// <summary>Why a job operation was refused (the API maps these to 404 and 409).</summary>
public enum FaxJobOperationError
{
    /// <summary>No job with that id.</summary>
    NotFound,

    /// <summary>The job is in a state that does not allow it (delete while sending, retry a sent job).</summary>
    Conflict,
}
