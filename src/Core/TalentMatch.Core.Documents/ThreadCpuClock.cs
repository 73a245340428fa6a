using System.Runtime.InteropServices;

namespace TalentMatch.Core.Documents;

/// <summary>
/// The processor time the calling thread has used, from the operating system (Linux and macOS:
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>; Windows: <c>GetThreadTimes</c>). .NET has no managed call
/// for one thread's time, and the process's total would charge one read for every other thread's work.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int LinuxThreadCpuClock = 3;
    private const int MacThreadCpuClock = 16;

    /// <summary>Whether this platform reports thread times; where it does not, only the wall-time budget applies.</summary>
    public static bool IsSupported { get; } = Now() is not null;

    /// <summary>The calling thread's processor time (user and kernel), or null where the platform does not say.</summary>
    public static TimeSpan? Now()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                return GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user)
                    ? TimeSpan.FromTicks(kernel + user) // both in 100 ns units, as TimeSpan ticks
                    : null;
            }

            var clock = OperatingSystem.IsMacOS() ? MacThreadCpuClock : LinuxThreadCpuClock;
            return (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && ClockGetTime(clock, out var time) == 0
                ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
                : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [LibraryImport("kernel32")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial IntPtr GetCurrentThread();

    [LibraryImport("kernel32")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
