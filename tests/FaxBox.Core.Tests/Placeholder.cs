namespace FaxBox.Core.Tests;
