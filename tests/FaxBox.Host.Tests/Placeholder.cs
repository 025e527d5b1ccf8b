namespace FaxBox.Host.Tests;
