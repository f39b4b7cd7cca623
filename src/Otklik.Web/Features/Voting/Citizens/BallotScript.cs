namespace Otklik.Web.Features.Voting.Citizens;

/// <summary>
/// The ballot page's only script (progressive enhancement, ~1 KB, inlined): the running count and total, unchecked
/// projects greyed out when the maximum or the sum would be passed, other districts' projects hidden, conditional
/// questions shown when their option is chosen. Without it the form still works and the server checks everything.
/// </summary>
internal static class BallotScript
{
    public const string Source = """
        (function(){var f=document.getElementById('projects'),t=document.getElementById('ballot-total'),d=document.getElementById('district');
        function money(x){return Math.round(x).toLocaleString('ru-RU')+' \u20bd'}
        function upd(){if(f){var max=+f.dataset.max||0,budget=+f.dataset.budget||0,knap=f.dataset.kind=='Budget'&&f.dataset.mode=='Knapsack',pd=f.dataset.perDistrict=='true';
        var o=d&&d.selectedOptions[0];if(o&&o.dataset.budget)budget=+o.dataset.budget;
        var boxes=f.querySelectorAll('input[name=p]'),n=0,sum=0;
        boxes.forEach(function(b){var l=b.closest('label');if(pd&&d){var other=!!d.value&&l.dataset.district!=d.value;l.hidden=other;if(other)b.checked=false}if(b.checked){n++;sum+=+b.dataset.cost||0}});
        boxes.forEach(function(b){if(b.type!='checkbox')return;b.disabled=!b.checked&&((max>0&&n>=max)||(knap&&budget>0&&sum+(+b.dataset.cost||0)>budget))});
        if(t&&t.dataset.template)t.textContent=t.dataset.template.replace('{n}',n).replace('{sum}',money(sum)).replace('{budget}',budget?money(budget):'\u2014')}
        document.querySelectorAll('[data-show-if]').forEach(function(q){var p=q.dataset.showIf.split(':'),i=document.querySelector('input[name='+p[0]+'][value="'+p[1]+'"]');q.hidden=!(i&&i.checked)})}
        document.addEventListener('change',upd);upd()})();
        """;
}
