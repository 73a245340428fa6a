using System.Runtime.InteropServices;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// Lowers the scheduling priority of the calling thread (Linux: its nice value, <c>setpriority</c> on the thread's id).
/// The model runners call it on their own threads: embedding is queued background work, and on a small machine it takes
/// every core it is given, so requests that a person waits for (a POST's 202, a search) would otherwise wait for a core
/// behind it. A lower priority costs the runners nothing while the machine is otherwise idle. .NET's
/// <see cref="Thread.Priority"/> does not change scheduling on Linux, hence the system call.
/// </summary>
internal static partial class RunnerPriority
{
    private const int PriorityOfProcess = 0; // PRIO_PROCESS: on Linux, with a thread id, that one thread

    /// <summary>Sets the calling thread's nice value (0–19); false where the platform or the call refuses.</summary>
    public static bool TryLower(int nice)
    {
        if (nice <= 0 || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PriorityOfProcess, GetThreadId(), Math.Min(nice, 19)) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SetPriority(int which, int who, int nice);

    [LibraryImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int GetThreadId();
}
