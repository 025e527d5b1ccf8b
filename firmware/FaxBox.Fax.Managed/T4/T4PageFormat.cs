namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// The image format of one page as T.30 negotiates it (DIS/DCS, T.30 Table 2) and TIFF-F stores it: the width in
/// pixels (1728, 2048, 2432 at R8; 2592/3456/4864 at 300/400 dpi) and the resolution in pixels per metre, as
/// <see cref="FaxStatistics.XResolution"/> counts it (R8 8031; 3.85/7.7/15.4 lines/mm 3850/7700/15400; 300 dpi 11811;
/// 400 dpi 15748).
/// </summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="XResolution">Horizontal resolution, pixels per metre.</param>
/// <param name="YResolution">Vertical resolution, pixels per metre.</param>
internal readonly record struct T4PageFormat(int Width, int XResolution, int YResolution);
