namespace FaxBox.Media.G711;
