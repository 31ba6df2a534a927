
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cases', '0005_counters_in_common'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The model moves here from cases with its table (cases_notification, renamed in 0002): state only.
    operations = [
      migrations.SeparateDatabaseAndState(database_operations=[], state_operations=[
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('channel', models.CharField(choices=[('IN_APP', '站内消息'), ('SMS', '短信'), ('EMAIL', '电子邮件')], max_length=8, verbose_name='渠道')),
                ('address', models.CharField(blank=True, max_length=120, verbose_name='手机号/邮箱')),
                ('subject', models.CharField(max_length=120, verbose_name='标题')),
                ('body', models.TextField(verbose_name='内容')),
                ('created_at', models.DateTimeField(verbose_name='创建时间')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='发送时间')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='阅读时间')),
                ('failure', models.CharField(blank=True, max_length=300, verbose_name='发送失败原因')),
                ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='cases.case', verbose_name='办件')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='接收人')),
            ],
            options={
                'db_table': 'cases_notification',
                'verbose_name': '通知',
                'verbose_name_plural': '通知',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['channel', 'sent_at'], name='notification_outbox')],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('channel', 'IN_APP'), ('user__isnull', False)), models.Q(models.Q(('channel', 'IN_APP'), _negated=True), models.Q(('address', ''), _negated=True)), _connector='OR'), name='notification_has_recipient')],
            },
        ),
      ]),
    ]
