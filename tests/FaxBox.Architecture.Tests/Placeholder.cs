namespace FaxBox.Architecture.Tests;
