using LimeCall.Sdk.AspNetCore;
using Microsoft.AspNetCore.Mvc;

namespace LimeCall.Sdk.Samples.ControllerApp.Controllers;

/// <summary>The app's own LimeCall endpoint, unchanged but for one attribute.</summary>
[ApiController]
[Route("integrations/limecall")]
public sealed class CallReportsController(CallReportLog log) : ControllerBase
{
    /// <summary>Stores a call report. The signature was checked on the exact bytes before model binding read them.</summary>
    /// <param name="report">The report, bound and validated by MVC as usual.</param>
    /// <returns>200 with the number of stored reports; 400 from [ApiController] when the body is invalid; 401 from the signature check.</returns>
    [HttpPost("call-report")]
    [RequireLimeCallSignature]
    public IActionResult Post(CallReport report)
    {
        log.Add(report);
        return Ok(new { stored = log.Reports.Count });
    }

    /// <summary>Lists stored reports. Not a LimeCall endpoint: no signature required.</summary>
    /// <returns>The reports.</returns>
    [HttpGet("call-reports")]
    public IEnumerable<CallReport> List() => log.Reports;
}
