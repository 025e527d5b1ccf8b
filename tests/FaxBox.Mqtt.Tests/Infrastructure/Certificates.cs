namespace FaxBox.Mqtt.Tests.Infrastructure;

/// <summary>A CA, a server certificate for 127.0.0.1 signed by it, and an unrelated CA, made with openssl(1).</summary>
internal static class Certificates
{
    public static void Create(string folder)
    {
        string F(string name) => Path.Combine(folder, name);
        File.WriteAllText(F("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        Mosquitto.Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=FaxBox Test CA", "-keyout", F("ca.key"), "-out", F("ca.pem"));
        Mosquitto.Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Other CA", "-keyout", F("other-ca.key"), "-out", F("other-ca.pem"));
        Mosquitto.Run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", F("server.key"), "-out", F("server.csr"));
        Mosquitto.Run("openssl", "x509", "-req", "-in", F("server.csr"), "-CA", F("ca.pem"), "-CAkey", F("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", F("san.ext"), "-out", F("server.pem"));
    }
}
