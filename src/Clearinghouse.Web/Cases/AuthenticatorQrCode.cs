using QRCoder;

namespace Clearinghouse.Web.Cases;

/// <summary>Draws the otpauth:// set-up address as a QR code in SVG markup, made on the server (no script on the page).</summary>
internal static class AuthenticatorQrCode
{
    /// <summary>The SVG element for the address; medium error correction, 4-module quiet zone, sized by its view box.</summary>
    public static string Svg(string authenticatorUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(authenticatorUri, QRCodeGenerator.ECCLevel.M);
        using var code = new SvgQRCode(data);
        return code.GetGraphic(4, "#0b0c0c", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
