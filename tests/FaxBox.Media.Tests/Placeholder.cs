namespace FaxBox.Media.Tests;
