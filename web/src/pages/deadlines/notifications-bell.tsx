import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationDto } from '@quancheng/contracts';
import { useMarkNotificationRead, useNotifications } from '../../api/cases';
import { formatBureauTime } from '../../components/format-time';
import { useT } from '../../i18n';
import { useCaseLabels } from '../cases/shared/case-labels';

/** The bell: unread deadline notifications (polled every minute); opening one marks it read. */
export function NotificationsBell() {
  const { t } = useT();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const unread = notifications.data?.unread ?? 0;

  const onOpen = (n: NotificationDto) => {
    if (!n.readAt) {
      markRead.mutate(n.id);
    }
    if (n.caseId) {
      setOpen(false);
      void navigate(`/cases/${n.caseId}`);
    }
  };

  const content = (
    <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }}>
      {(notifications.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={notifications.data?.items ?? []}
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              style={{ cursor: n.caseId ? 'pointer' : undefined, opacity: n.readAt ? 0.6 : 1 }}
              onClick={() => onOpen(n)}
              actions={
                n.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        type="link"
                        size="small"
                        onClick={(e) => {
                          e.stopPropagation();
                          markRead.mutate(n.id);
                        }}
                      >
                        {t('notifications.markRead')}
                      </Button>,
                    ]
              }
            >
              <Flex vertical gap={0}>
                <Typography.Text strong={!n.readAt} type={n.level === 'red' ? 'danger' : undefined}>
                  {labels.loc(n.message)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatBureauTime(n.createdAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('notifications.title')}
      content={content}
    >
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.bell', { count: unread })}
          data-testid="notifications-bell"
        />
      </Badge>
    </Popover>
  );
}
