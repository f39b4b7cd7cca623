using Otklik.Core.Answers;
using Otklik.Core.Incidents;

namespace Otklik.Core.Tests.Answers;

/// <summary>Video links sent with an answer (Stavropol 753-п clause 20): https links only, trimmed, without repeats, at most five.</summary>
public sealed class VideoLinksTests
{
    [Fact]
    public void Links_typed_one_a_line_are_trimmed_and_kept_once()
    {
        var links = VideoLinks.Parse("  https://vk.com/video-77777_456239017 \r\n\r\nhttps://rutube.ru/video/abc/\nhttps://vk.com/video-77777_456239017\n");

        Assert.Equal(["https://vk.com/video-77777_456239017", "https://rutube.ru/video/abc/"], links);
        Assert.Empty(VideoLinks.Parse("  \n "));
        Assert.Empty(VideoLinks.Check(null));
    }

    [Theory]
    [InlineData("http://vk.com/video-1_2")]
    [InlineData("javascript:alert(1)")]
    [InlineData("vk.com/video-1_2")]
    [InlineData("https://")]
    [InlineData("https://user:secret@example.ru/v")]
    [InlineData("https://example.ru/a b")]
    [InlineData("ftp://example.ru/video.mp4")]
    public void Anything_but_an_https_link_is_refused_naming_the_field(string link)
    {
        var e = Assert.Throws<WorkflowException>(() => VideoLinks.Check([link]));

        Assert.Equal((WorkflowError.Invalid, "attachments"), (e.Error, e.Field));
        Assert.Contains("https://", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_five_links_and_none_too_long()
    {
        Assert.Equal(5, VideoLinks.Check([.. Enumerable.Range(1, 5).Select(i => $"https://vk.com/video-1_{i}")]).Count);
        var many = Assert.Throws<WorkflowException>(() => VideoLinks.Check([.. Enumerable.Range(1, 6).Select(i => $"https://vk.com/video-1_{i}")]));
        Assert.Equal("attachments", many.Field);
        var tooLong = Assert.Throws<WorkflowException>(() => VideoLinks.Check(["https://example.ru/" + new string('a', VideoLinks.MaxLength)]));
        Assert.Equal("attachments", tooLong.Field);
    }

    [Fact]
    public void The_links_kept_with_a_draft_read_back()
    {
        var draft = new Draft { Text = "Ответ", Attachments = VideoLinks.ToJson(["https://vk.com/video-1_2"]) };

        Assert.Equal(["https://vk.com/video-1_2"], VideoLinks.Of(draft));
        Assert.Empty(VideoLinks.Of(new Draft { Text = "Ответ" }));
        Assert.Null(VideoLinks.ToJson([]));
    }
}
