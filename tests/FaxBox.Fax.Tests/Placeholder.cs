namespace FaxBox.Fax.Tests;
