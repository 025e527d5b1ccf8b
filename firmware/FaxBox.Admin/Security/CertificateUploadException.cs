namespace FaxBox.Admin.Security;

/// <summary>An uploaded HTTPS certificate was refused: <see cref="Exception.Message"/> says what is wrong with which file.</summary>
public sealed class CertificateUploadException : Exception
{
    public CertificateUploadException()
    {
    }

    public CertificateUploadException(string message)
        : base(message)
    {
    }

    public CertificateUploadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
